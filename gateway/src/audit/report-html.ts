import { evidenceSvg } from './evidence-svg';
import { esc } from './html-escape';
import type { AuditReport } from './report';

const STYLE = `body{font-family:sans-serif;margin:2em;color:#1d2433}table{border-collapse:collapse;margin:.5em 0 1.5em}
td,th{border:1px solid #c7cedb;padding:4px 8px;font-size:13px;text-align:left;vertical-align:top}th{background:#eef1f6}
.ok{color:#1a7f37}.bad{color:#b42318}.warn{color:#9a6700}code{font-size:12px}.graph{overflow:auto;border:1px solid #c7cedb;padding:4px}`;

/** Renders the report as one self-contained HTML page (inline style and SVG, no external assets). */
export function renderHtml(r: AuditReport): string {
  const s = r.summary;
  const verdict = r.clean
    ? '<p class="ok"><b>Clean:</b> every block, signature, policy and validation code checks out.</p>'
    : `<p class="bad"><b>${s.errors} anomal${s.errors === 1 ? 'y' : 'ies'} found.</b></p>`;
  const rows = (cells: (string | number)[][]): string =>
    cells
      .map((c) => `<tr>${c.map((x) => `<td>${typeof x === 'number' ? x : x}</td>`).join('')}</tr>`)
      .join('');
  const parts = [
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Alliance ledger audit</title>',
    `<style>${STYLE}</style></head><body>`,
    `<h1>Ledger audit of channel ${esc(r.channel ?? '?')}</h1>`,
    `<p>Source: ${esc(r.source)} · height ${r.height} · generated ${esc(r.generatedAt)}</p>`,
    verdict,
    ...r.notes.map((n) => `<p class="warn">Note: ${esc(n)}</p>`),
    '<h2>Summary</h2><table>',
    rows([
      ['blocks replayed', s.blocks],
      ['transactions', s.transactions],
      ['valid (re-validated)', s.valid],
      ['invalid', s.invalid],
      ['errors', s.errors],
      ['warnings', s.warnings],
      ['signatures verified', s.signaturesVerified],
      ['verified tx/s', s.verifiedTxPerSecond],
      ['blocks/s', s.blocksPerSecond],
      ['signature threads', s.workers],
      ['wall time (ms)', s.wallMs],
      ['main-thread CPU (ms)', s.cpuMs],
      ['resumed at block', s.resumedAt ?? '-'],
    ]),
    '</table><h2>Activity per org</h2><table><tr><th>MSP</th><th>submitted</th><th>valid</th><th>invalid</th><th>endorsements</th></tr>',
    rows(r.orgs.map((o) => [esc(o.mspId), o.submitted, o.valid, o.invalid, o.endorsed])),
    '</table><h2>Anomalies</h2>',
    r.anomalies.length === 0
      ? '<p class="ok">None.</p>'
      : '<table><tr><th>severity</th><th>block</th><th>tx</th><th>check</th><th>what failed</th></tr>',
    rows(
      r.anomalies.map((a) => [
        `<span class="${a.severity === 'error' ? 'bad' : 'warn'}">${a.severity}</span>`,
        a.block,
        a.tx === undefined ? '-' : `${a.tx}${a.txId ? `<br><code>${esc(a.txId.slice(0, 16))}…</code>` : ''}`,
        esc(a.check),
        esc(a.detail),
      ]),
    ),
    r.anomalies.length === 0 ? '' : '</table>',
  ];
  if (r.stateComparison) {
    const c = r.stateComparison;
    parts.push(
      `<h2>State compared with the peer of ${esc(c.peerMspId)}</h2><p>${c.probes} signed queries; ${c.keysCompared} of ${c.keysInState} keys compared by version, ${c.hashedKeysCompared} private keys by hash and version; ${c.differences.filter((d) => d.severity === 'error').length} differences.</p>`,
    );
  }
  if (r.evidence) parts.push(...evidenceSection(r));
  parts.push('</body></html>');
  return parts.join('\n');
}

function evidenceSection(r: AuditReport): string[] {
  const e = r.evidence;
  if (!e) return [];
  if (!e.found)
    return [
      `<h2>Evidence chain of ${esc(e.subject)}</h2><p class="bad">No lot or batch ${esc(e.subject)} in the replayed state.</p>`,
    ];
  return [
    `<h2>Evidence chain of ${esc(e.subject)}</h2>`,
    `<p>${e.nodes.length} records${e.truncated ? ' (truncated)' : ''}; hover a box for its facts.</p>`,
    `<div class="graph">${evidenceSvg(e)}</div>`,
    '<table><tr><th>record</th><th>block · tx</th><th>written by</th><th>facts</th></tr>',
    ...e.nodes.map(
      (n) =>
        `<tr><td>${esc(n.id)}</td><td>${n.block} · ${n.tx}<br><code>${esc(n.txId.slice(0, 16))}…</code></td><td>${esc(n.writtenBy ?? '?')}<br>${esc(n.fn ?? '')}<br>${esc(n.writtenAt ?? '')}</td><td>${n.facts.map(esc).join('<br>')}${n.asOfLink ? `<br><i>as of block ${n.asOfLink.block} tx ${n.asOfLink.tx}: ${n.asOfLink.facts.map(esc).join('; ')}</i>` : ''}</td></tr>`,
    ),
    '</table>',
  ];
}
