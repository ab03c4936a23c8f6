import { useTranslation } from 'react-i18next';
import { comparePair } from '../comparePair';
import { useAppStore } from '../store';

/** Swipe compare of two images: pick the pair, then drag the bar (or use the arrow keys on it). */
export function SwipeControls() {
  const { t } = useTranslation();
  const workspace = useAppStore((s) => s.workspace);
  const swipe = useAppStore((s) => s.swipe);
  const setSwipe = useAppStore((s) => s.setSwipe);
  if (!workspace || workspace.imagery.length < 2) return null;
  const byDate = [...workspace.imagery].sort((a, b) => a.date.localeCompare(b.date));
  const label = (id: string) => {
    const img = workspace.imagery.find((i) => i.id === id)!;
    return img.date ? t('layers.imageryDate', { date: img.date }) : img.path;
  };
  if (!swipe) {
    return (
      <button type="button" className="swipe-start" onClick={() => setSwipe({ ...comparePair(workspace.imagery), position: 0.5 })}>
        {t('swipe.start')}
      </button>
    );
  }
  const choose = (side: 'leftId' | 'rightId', id: string) => setSwipe({ ...swipe, [side]: id });
  return (
    <div className="swipe-controls" role="group" aria-label={t('swipe.heading')}>
      {(['leftId', 'rightId'] as const).map((side) => (
        <label key={side}>
          {t(side === 'leftId' ? 'swipe.left' : 'swipe.right')}{' '}
          <select value={swipe[side]} onChange={(e) => choose(side, e.target.value)}>
            {byDate.map((img) => <option key={img.id} value={img.id}>{label(img.id)}</option>)}
          </select>
        </label>
      ))}
      <button type="button" onClick={() => setSwipe(null)}>{t('swipe.stop')}</button>
    </div>
  );
}

export function SwipeBar() {
  const { t } = useTranslation();
  const swipe = useAppStore((s) => s.swipe);
  const setSwipe = useAppStore((s) => s.setSwipe);
  if (!swipe) return null;
  return (
    <div className="swipe-bar">
      <div className="swipe-line" style={{ left: `${swipe.position * 100}%` }} aria-hidden="true" />
      <input
        type="range"
        min={0}
        max={1}
        step={0.01}
        value={swipe.position}
        aria-label={t('swipe.position')}
        onChange={(e) => setSwipe({ ...swipe, position: Number(e.target.value) })}
      />
    </div>
  );
}
