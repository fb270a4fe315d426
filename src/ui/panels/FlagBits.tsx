/** A flags field's declared bits, each marked set or clear. */
export function FlagBits({
  bits,
  flags,
  label,
}: {
  bits: Readonly<Record<string, number>>;
  flags: number;
  label: string;
}) {
  return (
    <ul className="bits" aria-label={`${label} bits`}>
      {Object.entries(bits).map(([name, mask]) => {
        const on = (flags & mask) === mask;
        return (
          <li key={name} className={on ? 'bit-on' : 'bit-off'}>
            <span aria-hidden="true">{on ? '■' : '□'}</span> {name}
            <span className="sr-only">{on ? ' set' : ' clear'}</span>
          </li>
        );
      })}
    </ul>
  );
}
