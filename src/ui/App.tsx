export function App() {
  return (
    <main className="app">
      <h1>Interleave</h1>
      <p>
        Interleave visualises the March 2023 <code>mm/ksm.c</code> race between{' '}
        <code>unmerge_and_remove_all_rmap_items()</code> and <code>__mmput()</code>/
        <code>exit_mmap()</code>: two tasks, one <code>mm</code>, and the orders in which their
        steps can interleave. The timeline is coming.
      </p>
    </main>
  );
}
