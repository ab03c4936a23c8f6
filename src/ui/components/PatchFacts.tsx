import { useTranslation } from 'react-i18next';
import type { PatchItem } from '../../workers/patchReview';

// The overlay facts of a patch as the reviewer reads them: the overlay breakdown in mu, the approvals over it,
// its land-use classes, basic farmland and red line, the registered parcels, and the rules' flags.

const mu = (x: number) => x.toFixed(4);
const pct = (share: number) => `${(share * 100).toFixed(1)}%`;

export function PatchFacts({ item }: { item: PatchItem }) {
  const { t } = useTranslation();
  const { facts } = item;
  const b = facts.breakdown;
  const lines: [string, number][] = [
    ['total', b.totalMu], ['farmland', b.farmlandMu], ['otherAgricultural', b.otherAgriculturalMu], ['unused', b.unusedMu],
    ['construction', b.constructionMu], ['basicFarmland', b.basicFarmlandMu], ['redline', b.ecoRedlineMu],
  ];
  if (Math.abs(b.remainderMu) >= 0.00005) lines.push(['remainder', b.remainderMu]);
  return (
    <section className="patch-facts" aria-label={t('patches.facts')}>
      <h3>{t('patches.facts')}</h3>
      {facts.outside && <p role="alert" className="error">{t('patches.outside')}</p>}
      <table className="breakdown">
        <tbody>
          {lines.map(([key, value]) => (
            <tr key={key} data-key={key}>
              <th scope="row">{t(`patches.breakdown.${key}`)}</th>
              <td>{mu(value)} {t('patches.breakdown.mu')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>{t('patches.approvals')}</h4>
      {facts.approvals.length === 0 ? <p className="hint">{t('patches.noApprovals')}</p> : (
        <table className="approvals">
          <thead>
            <tr>{(['id', 'date', 'project', 'share', 'beforeChange'] as const).map((c) => <th key={c} scope="col">{t(`patches.approvalColumns.${c}`)}</th>)}</tr>
          </thead>
          <tbody>
            {facts.approvals.map((a) => (
              <tr key={a.id}>
                <td>{a.id}</td>
                <td>{a.date ?? '—'}</td>
                <td>{a.project ?? ''}</td>
                <td>{pct(a.share)}</td>
                <td>{a.beforeChange === null ? t('patches.unknown') : a.beforeChange ? t('patches.yes') : t('patches.no')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h4>{t('patches.landUse')}</h4>
      <ul className="land-use">
        {facts.landUse.map((l) => <li key={l.code}>{l.code} {l.name}: {mu(l.areaMu)} {t('patches.breakdown.mu')} ({pct(l.share)})</li>)}
      </ul>
      <h4>{t('patches.parcels')}</h4>
      {facts.parcels.length === 0 ? <p className="hint">{t('patches.noParcels')}</p> : (
        <ul>{facts.parcels.map((p) => <li key={p.id}>{p.id}{p.owner ? ` · ${p.owner}` : ''}{p.use ? ` · ${p.use}` : ''}</li>)}</ul>
      )}
      {facts.flags.length > 0 && (
        <>
          <h4>{t('patches.flags')}</h4>
          <ul className="flags">{facts.flags.map((f) => <li key={f.code} className={`flag ${f.severity}`}>{f.message}</li>)}</ul>
        </>
      )}
    </section>
  );
}
