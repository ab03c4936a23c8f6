import type { CaseReportRequest } from '../../workers/workspace.worker';
import type { ReportFormat } from '../../workers/reports';
import { nowIso, todayLocal } from '../cases/clock';
import { useAppStore } from '../store';
import { SOFTWARE_VERSION } from '../version';

// What every report asked of the worker shares: the time, the bureau (the workspace's name), the images
// with the dates the user gave them, and the software version.

export function reportRequest(format: ReportFormat, lang: string, unmask: boolean): CaseReportRequest {
  const workspace = useAppStore.getState().workspace!;
  return {
    format,
    lang: lang === 'en' ? 'en' : 'zh-CN',
    unmask,
    bureau: workspace.manifest.name ?? '',
    generatedAt: nowIso(),
    date: todayLocal(),
    softwareVersion: SOFTWARE_VERSION,
    imagery: workspace.imagery.map((img) => ({ id: img.id, name: img.name ?? img.id, date: img.date, cornersLonLat: img.cornersLonLat })),
  };
}
