/** One arrowhead marker: the same triangle, at a size and in a colour of its own. */
export function Arrowhead({
  id,
  size,
  className,
}: {
  id: string;
  size: number;
  className: string;
}) {
  return (
    <marker
      id={id}
      viewBox="0 0 10 10"
      refX="9"
      refY="5"
      markerWidth={size}
      markerHeight={size}
      orient="auto-start-reverse"
    >
      <path d="M0,0 L10,5 L0,10 z" className={className} />
    </marker>
  );
}
