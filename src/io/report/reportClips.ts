import { CASE_REPORT_LABELS, caseReportImagery, IMAGE_CLIP_LABELS, imageFootprint } from '../../core';
import type { Lang, ReportImage } from '../../core';
import type { ReportClip } from './imageryClip';

// A case report's before/after clips (issue 8): which images (caseReportImagery), the place with half its size
// again around it, and the captions. The same for `landcheck report` and the app's worker; only how a clip is read
// differs (a file opened by the CLI, an image the worker holds), so that comes in as `clip`.

/** Pixels on a clip's long side, and its width on the page. */
const CLIP_PX = 600;
const CLIP_WIDTH_MM = 75;
/** At least this margin around the place, degrees (~90 m): a point case still shows its surroundings. */
const MIN_MARGIN_DEG = 0.0008;

export interface ClipImagery {
  id: string;
  date: string;
  name?: string | null;
  cornersLonLat: readonly (readonly number[])[];
}

export type ReadClip = (imageId: string, boundsLonLat: [number, number, number, number], sizePx: number) => Promise<ReportClip | null>;

export async function reportClips(imagery: ClipImagery[], placeLonLat: [number, number, number, number], lang: Lang, clip: ReadClip): Promise<ReportImage[]> {
  const { before, after } = caseReportImagery(imagery.map(imageFootprint), placeLonLat);
  const [w, s, e, n] = placeLonLat;
  const mx = Math.max(MIN_MARGIN_DEG, (e - w) * 0.5), my = Math.max(MIN_MARGIN_DEG, (n - s) * 0.5);
  const bounds: [number, number, number, number] = [w - mx, s - my, e + mx, n + my];
  const images: ReportImage[] = [];
  for (const [side, chosen] of [['before', before], ['after', after]] as const) {
    if (!chosen) continue;
    const img = imagery.find((i) => i.id === chosen.id)!;
    const picture = await clip(chosen.id, bounds, CLIP_PX);
    const caption = `${IMAGE_CLIP_LABELS[lang][side]} ${img.date}（${img.name ?? img.id}）`;
    images.push(picture
      ? { png: picture.png, widthPx: picture.width, heightPx: picture.height, widthMm: CLIP_WIDTH_MM, caption, missing: null }
      // The image's corners cover the place but it has no pixels there (a warped or partly empty image).
      : { png: null, widthPx: 0, heightPx: 0, widthMm: CLIP_WIDTH_MM, caption, missing: CASE_REPORT_LABELS[lang].noImagery });
  }
  return images;
}
