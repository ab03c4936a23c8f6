import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImageChoice, MissingImage, Position } from '../../core';
import { getWorker } from '../worker';

// One side of a patch's before/after evidence: a clip of the image chosen for that date with the patch
// outline over it, or the reason there is none (never another date's picture in its place).

const CLIP_PX = 240;
/** The clip shows the patch and this share of its size around it (at least MIN_MARGIN_DEG). */
const MARGIN_SHARE = 0.6;
const MIN_MARGIN_DEG = 0.0004;

type Corners = [Position, Position, Position, Position];

/** Pixel position of a lon/lat in a picture given by its corners (bottom-left, top-left, top-right, bottom-right). */
function toPixel([lon, lat]: Position, corners: Corners, width: number, height: number): [number, number] {
  const [bl, tl, , br] = corners;
  // lon/lat = bl + u·(br − bl) + v·(tl − bl): solve the 2×2 system for u (across) and v (up).
  const ax = br[0] - bl[0], ay = br[1] - bl[1], bx = tl[0] - bl[0], by = tl[1] - bl[1];
  const det = ax * by - ay * bx;
  const dx = lon - bl[0], dy = lat - bl[1];
  const u = (dx * by - dy * bx) / det, v = (ax * dy - ay * dx) / det;
  return [u * width, (1 - v) * height];
}

export function clipBounds(bbox: [number, number, number, number]): [number, number, number, number] {
  const mx = Math.max(MIN_MARGIN_DEG, (bbox[2] - bbox[0]) * MARGIN_SHARE), my = Math.max(MIN_MARGIN_DEG, (bbox[3] - bbox[1]) * MARGIN_SHARE);
  return [bbox[0] - mx, bbox[1] - my, bbox[2] + mx, bbox[3] + my];
}

/** Mount it keyed by patch and image: a new clip starts from 'loading'. */
export function PatchClip(props: { side: 'before' | 'after'; patchDate: string | null; choice: ImageChoice | null; missing: MissingImage | null; imageName: string; bbox: [number, number, number, number]; outline: Position[][][]; toleranceDays: number }) {
  const { side, patchDate, choice, missing, imageName, bbox, outline, toleranceDays } = props;
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [state, setState] = useState<'loading' | 'shown' | 'none' | string>('loading');
  const sideName = t(`patches.${side}`);

  useEffect(() => {
    if (!choice) return;
    let cancelled = false;
    void getWorker().imageryClip(choice.id, clipBounds(bbox), CLIP_PX).then((picture) => {
      if (cancelled) return;
      if (!picture) return setState('none');
      if ('error' in picture) return setState(picture.error);
      const c = canvas.current!;
      c.width = picture.image.width;
      c.height = picture.image.height;
      const g = c.getContext('2d')!;
      g.drawImage(picture.image, 0, 0);
      g.strokeStyle = '#ffea00';
      g.lineWidth = 2;
      for (const rings of outline) for (const ring of rings) {
        g.beginPath();
        ring.forEach((p, i) => {
          const [x, y] = toPixel(p, picture.corners, c.width, c.height);
          if (i === 0) g.moveTo(x, y);
          else g.lineTo(x, y);
        });
        g.closePath();
        g.stroke();
      }
      setState('shown');
    });
    return () => {
      cancelled = true;
    };
  }, [choice, bbox, outline]);

  return (
    <figure className="patch-clip" data-side={side} data-image-id={choice?.id ?? ''} data-image-date={choice?.date ?? ''} data-state={choice ? state : 'missing'}>
      <figcaption>
        <strong>{sideName}</strong> {patchDate ?? '—'}
      </figcaption>
      {choice ? (
        <>
          <canvas ref={canvas} role="img" aria-label={t('patches.clipAlt', { side: sideName, date: choice.date, image: imageName })} />
          <small>{t('patches.imageDate', { date: choice.date, days: choice.daysOff })}</small>
          {state !== 'loading' && state !== 'shown' && <small role="alert">{state === 'none' ? t('patches.noImage.noCoverage') : state}</small>}
        </>
      ) : (
        <p className="no-image" role="note">{t(`patches.noImage.${missing ?? 'noCoverage'}`, { side: sideName, date: patchDate ?? '—', days: toleranceDays })}</p>
      )}
    </figure>
  );
}
