import type { Metadata } from 'next';
import { endpoints } from '@/app/api/v1/routes';
import { env } from '@/lib/env';
import { openApiDocument } from '@/lib/http/openapi';

export const metadata: Metadata = { title: 'API reference' };
export const dynamic = 'force-dynamic';

/** `code` spans in the summaries, as <code>; everything else as text (React escapes it). */
function Md({ text }: { text: string }) {
  return (
    <>
      {text.split('`').map((part, i) =>
        i % 2 ? (
          <code key={i} className="rounded bg-slate-100 px-1 text-[0.9em]">
            {part}
          </code>
        ) : (
          part
        ),
      )}
    </>
  );
}

const METHOD = { get: 'bg-sky-100 text-sky-800', post: 'bg-emerald-100 text-emerald-800', put: 'bg-violet-100 text-violet-800', patch: 'bg-amber-100 text-amber-800', delete: 'bg-red-100 text-red-800' } as const;

export default function ApiDocsPage() {
  const list = endpoints();
  const doc = openApiDocument(env().appUrl, list);
  return (
    <div className="mx-auto max-w-4xl space-y-6 px-6 py-10">
      <div>
        <h1 className="text-3xl font-semibold tracking-tight">API reference</h1>
        <p className="mt-2 text-slate-700">
          <Md text={doc.info.description} />
        </p>
        <p className="mt-2 text-sm text-slate-600">
          Base URL <code className="rounded bg-slate-100 px-1">{doc.servers[0]!.url}</code> · Machine-readable:{' '}
          <a href="/api/v1/openapi.json" className="text-brand-700 underline">openapi.json</a>
        </p>
      </div>
      {list.map((e) => {
        const op = (doc.paths[e.path] as Record<string, { parameters: { name: string; in: string; required: boolean }[]; requestBody?: { content: { 'application/json': { schema: unknown } } } }>)[e.method]!;
        return (
          <section key={`${e.method} ${e.path}`} className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm" data-test="api-endpoint">
            <h2 className="flex flex-wrap items-center gap-2 font-mono text-sm">
              <span className={`rounded px-2 py-0.5 text-xs font-bold uppercase ${METHOD[e.method]}`}>{e.method}</span>
              <span>{e.path}</span>
            </h2>
            <p className="mt-2 text-sm text-slate-800">
              <Md text={e.summary} />
            </p>
            {e.description ? (
              <p className="mt-1 text-sm text-slate-600">
                <Md text={e.description} />
              </p>
            ) : null}
            {op.parameters.length ? (
              <p className="mt-2 text-xs text-slate-600">
                Parameters: {op.parameters.map((p) => `${p.name} (${p.in}${p.required ? ', required' : ''})`).join(', ')}
              </p>
            ) : null}
            {op.requestBody ? (
              <details className="mt-2">
                <summary className="cursor-pointer text-xs font-medium text-brand-700">Request body schema</summary>
                <pre className="mt-1 max-h-80 overflow-auto rounded bg-slate-50 p-2 text-xs">{JSON.stringify(op.requestBody.content['application/json'].schema, null, 2)}</pre>
              </details>
            ) : null}
            <ul className="mt-2 text-xs text-slate-600">
              {Object.entries(e.responses).map(([code, d]) => (
                <li key={code}>
                  <span className="font-mono font-semibold">{code}</span> <Md text={d} />
                </li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
