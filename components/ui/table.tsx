/** The header row of the app's tables: `card` for a table that is a card of its own, plain inside a Section. */
const HEAD = {
  card: 'border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500',
  plain: 'text-xs uppercase text-slate-500',
};

/** One <th> per column with the padding of its cells; an empty column (the row's buttons) keeps only the vertical padding. */
export function TableHead({ columns, cell, style }: { columns: React.ReactNode[]; cell: string; style: keyof typeof HEAD }) {
  return (
    <thead className={HEAD[style]}>
      <tr>
        {columns.map((c, i) => (c === '' ? <th key={i} className="py-2" /> : <th key={i} className={cell}>{c}</th>))}
      </tr>
    </thead>
  );
}
