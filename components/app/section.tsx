export function Section({ title, description, children, tone = 'default' }: { title: string; description?: React.ReactNode; children: React.ReactNode; tone?: 'default' | 'danger' }) {
  return (
    <section className={`rounded-xl border bg-white p-6 shadow-sm ${tone === 'danger' ? 'border-red-200' : 'border-slate-200'}`}>
      <h2 className={`text-lg font-semibold ${tone === 'danger' ? 'text-red-800' : ''}`}>{title}</h2>
      {description ? <div className="mt-1 text-sm text-slate-600">{description}</div> : null}
      <div className="mt-5">{children}</div>
    </section>
  );
}
