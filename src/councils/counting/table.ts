import type { CountResult, Stage } from './ballots.js';

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(5).replace(/0+$/, ''));
const pad = (s: string, w: number) => (s.length >= w ? s : ' '.repeat(w - s.length) + s);
const padEnd = (s: string, w: number) => (s.length >= w ? s : s + ' '.repeat(w - s.length));

function describe(s: Stage): string {
  switch (s.action.type) {
    case 'first':
      return 'first preferences';
    case 'surplus':
      return `surplus of ${s.action.candidate}`;
    case 'exclusion':
      return `exclusion of ${s.action.candidate}`;
    case 'count':
      return 'count';
    case 'pairwise':
      return 'pairwise comparison';
  }
}

/** The stage-by-stage table a returning officer would post, as plain text. */
export function renderTable(r: CountResult, title = ''): string {
  const out: string[] = [];
  out.push(r.rule);
  out.push(
    `${title ? `${title} — ` : ''}${r.candidates.length} candidates, ${r.seats} seat${r.seats === 1 ? '' : 's'}, ${r.ballots} valid papers${r.quota ? `, quota ${fmt(r.quota)}` : ''}`,
  );
  out.push('');
  const nameW = Math.min(40, Math.max(16, ...r.candidates.map((c) => c.length))) + 2;
  const colW = 14;
  if (r.method === 'schulze') {
    const st = r.stages[0]!;
    out.push(`${padEnd('d[row][col]', nameW)}${r.candidates.map((_, i) => pad(`#${i + 1}`, 9)).join('')}${pad('beats', 8)}`);
    r.candidates.forEach((c, i) =>
      out.push(`${padEnd(`#${i + 1} ${c}`, nameW)}${st.pairwise![i]!.map((v, j) => pad(i === j ? '—' : String(v), 9)).join('')}${pad(String(st.votes[c]), 8)}`),
    );
  } else {
    out.push(`${padEnd('Candidate', nameW)}${r.stages.map((s) => pad(`Stage ${s.stage}`, colW)).join('')}`);
    for (const c of r.candidates) {
      const cells = r.stages.map((s) => {
        const mark = s.elected.includes(c) ? ' *' : s.excluded.includes(c) ? ' x' : '  ';
        return pad(fmt(s.votes[c] ?? 0) + mark, colW);
      });
      out.push(`${padEnd(c.length > nameW - 2 ? `${c.slice(0, nameW - 3)}…` : c, nameW)}${cells.join('')}`);
    }
    out.push(`${padEnd('Non-transferable', nameW)}${r.stages.map((s) => pad(`${fmt(s.exhausted)}  `, colW)).join('')}`);
    if (r.stages.some((s) => s.loss)) out.push(`${padEnd('Lost to truncation', nameW)}${r.stages.map((s) => pad(`${fmt(s.loss ?? 0)}  `, colW)).join('')}`);
    out.push('');
    for (const s of r.stages) out.push(`Stage ${s.stage}: ${describe(s)}${s.elected.length ? `; elected ${s.elected.join(', ')}` : ''}`);
  }
  out.push('');
  out.push(`Elected, in order: ${r.elected.join(', ') || '(none)'}`);
  for (const t of r.tieBreaks)
    out.push(`Tie at stage ${t.stage} (${t.reason}) between ${t.tied.join(', ')}: ${t.chosen}, ${t.by === 'lot' ? `by lot (seed ${r.seed})` : 'by an earlier stage'}`);
  return `${out.join('\n')}\n`;
}
