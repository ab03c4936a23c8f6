import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { compareVerifications, recordVerification, saveOpinion } from '../../core';
import type { Breakdown, CaseFile, FactsSnapshot, VerificationChange } from '../../core';
import { commitCase, currentUser } from '../cases/caseStore';
import { nowIso, todayLocal } from '../cases/clock';
import { useAppStore } from '../store';
import { SOFTWARE_VERSION } from '../version';
import { getWorker } from '../worker';

// The verification of one case beside its opinion: run the core in the worker, show flags, overlaps
// and the overlay breakdown, what changed since the last run, and the opinion editor. Saving keeps the
// edited text with the facts it was drafted from.

const BREAKDOWN_PARTS: (keyof Breakdown)[] = ['totalMu', 'farmlandMu', 'otherAgriculturalMu', 'unusedMu', 'constructionMu', 'basicFarmlandMu', 'ecoRedlineMu', 'remainderMu'];

function Changes({ changes }: { changes: VerificationChange[] }) {
  const { t } = useTranslation();
  const what = (c: { layerId: string; featureId: string }) => `${c.layerId} ${c.featureId}`;
  return (
    <section aria-label={t('caseDesk.changes')}>
      <h4>{t('caseDesk.changes')}</h4>
      {changes.length === 0 ? (
        <p>{t('caseDesk.noChanges')}</p>
      ) : (
        <ul className="changes">
          {changes.map((c, i) => (
            <li key={i}>
              {c.kind === 'layerChanged' && t('caseDesk.changeLayer', { id: c.layerId })}
              {c.kind === 'overlapAdded' && t('caseDesk.changeAdded', { what: `${what(c)} (${c.areaMu.toFixed(4)})` })}
              {c.kind === 'overlapRemoved' && t('caseDesk.changeRemoved', { what: `${what(c)} (${c.areaMu.toFixed(4)})` })}
              {c.kind === 'overlapArea' && t('caseDesk.changeArea', { what: what(c), from: c.fromMu.toFixed(4), to: c.toMu.toFixed(4) })}
              {c.kind === 'flagAdded' && t('caseDesk.changeFlagAdded', { code: c.code })}
              {c.kind === 'flagRemoved' && t('caseDesk.changeFlagRemoved', { code: c.code })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Facts({ facts }: { facts: FactsSnapshot }) {
  const { t } = useTranslation();
  const { result } = facts;
  return (
    <>
      <p className="hint">{t('caseDesk.verifiedAt', { at: facts.verifiedAt, rules: facts.rulesVersion })}</p>
      <h4>{t('caseDesk.flags')}</h4>
      {result.flags.length === 0 ? (
        <p>{t('caseDesk.noFlags')}</p>
      ) : (
        <ul className="flags" aria-label={t('caseDesk.flags')}>
          {result.flags.map((f) => (
            <li key={f.code} className={`flag ${f.severity}`}>
              <strong>{f.code}</strong> {f.message}
            </li>
          ))}
        </ul>
      )}
      <h4>{t('caseDesk.overlaps')}</h4>
      {result.overlaps.length === 0 ? (
        <p>{t('caseDesk.noOverlaps')}</p>
      ) : (
        <table className="overlaps" aria-label={t('caseDesk.overlaps')}>
          <thead>
            <tr>
              <th scope="col">{t('caseDesk.overlapLayer')}</th>
              <th scope="col">{t('caseDesk.overlapFeature')}</th>
              <th scope="col">{t('caseDesk.overlapM2')}</th>
              <th scope="col">{t('caseDesk.overlapMu')}</th>
              <th scope="col">{t('caseDesk.overlapShare')}</th>
            </tr>
          </thead>
          <tbody>
            {result.overlaps.map((o, i) => (
              <tr key={i}>
                <td>{t(`kind.${o.layerKind}`)}</td>
                <td>{o.featureId}</td>
                <td className="num">{o.planarAreaM2.toFixed(2)}</td>
                <td className="num">{o.areaMu.toFixed(4)}</td>
                <td className="num">{(o.shareOfCase * 100).toFixed(1)}%</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h4>{t('caseDesk.breakdown')}</h4>
      <dl className="breakdown" aria-label={t('caseDesk.breakdown')}>
        {BREAKDOWN_PARTS.map((part) => (
          <div key={part}>
            <dt>{t(`caseDesk.breakdownPart.${part}`)}</dt>
            <dd>{result.breakdown[part].toFixed(4)}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

export function CaseVerification({ file }: { file: CaseFile }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  const [running, setRunning] = useState(false);
  const [changes, setChanges] = useState<VerificationChange[] | null>(null);
  const facts = file.lastVerification;
  // The editor shows what is saved (the saved opinion, else the latest draft) whenever that changes.
  const saved = file.opinion?.text ?? facts?.draft ?? '';
  const [text, setText] = useState(saved);
  const [shownFor, setShownFor] = useState(saved);
  if (shownFor !== saved) {
    setShownFor(saved);
    setText(saved);
  }

  const verify = async () => {
    setRunning(true);
    try {
      const at = nowIso();
      const next = await getWorker().verifyOne(file.record, { lang, verifiedAt: at, date: todayLocal(), softwareVersion: SOFTWARE_VERSION });
      const before = file.lastVerification;
      if (await commitCase(recordVerification(file, next, { by: currentUser(), at }))) {
        setChanges(before ? compareVerifications(before, next) : null);
        // The case on the map with what it overlaps.
        useAppStore.getState().setIdentified(null);
      }
    } finally {
      setRunning(false);
    }
  };

  const save = async () => {
    if (!facts) return;
    const at = nowIso();
    await commitCase(saveOpinion(file, { lang: facts.draftLang, text, draft: facts.draft, savedAt: at, savedBy: currentUser(), facts }, { by: currentUser(), at }));
  };

  return (
    <>
      <section className="desk-section" aria-labelledby="desk-verify">
        <h3 id="desk-verify">{t('caseDesk.section.verify')}</h3>
        <button type="button" onClick={() => void verify()} disabled={running}>{running ? t('caseDesk.verifying') : t('caseDesk.verify')}</button>
        {changes && <Changes changes={changes} />}
        {facts ? <Facts facts={facts} /> : <p>{t('caseDesk.noVerification')}</p>}
      </section>
      <section className="desk-section" aria-labelledby="desk-opinion">
        <h3 id="desk-opinion">{t('caseDesk.section.opinion')}</h3>
        {!facts ? (
          <p>{t('caseDesk.opinionNeedsVerify')}</p>
        ) : (
          <>
            <label className="field">
              {t('caseDesk.opinionLabel')}
              <textarea className="opinion" value={text} onChange={(e) => setText(e.target.value)} rows={14} />
            </label>
            <div className="buttons">
              <button type="button" onClick={() => setText(facts.draft)}>{t('caseDesk.opinionDraft')}</button>
              <button type="button" className="primary" onClick={() => void save()}>{t('caseDesk.saveOpinion')}</button>
            </div>
            {file.opinion && <p role="status" className="hint">{t('caseDesk.opinionSaved', { by: file.opinion.savedBy, at: file.opinion.savedAt })}</p>}
          </>
        )}
      </section>
    </>
  );
}
