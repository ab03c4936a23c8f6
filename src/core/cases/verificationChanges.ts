import type { FactsSnapshot } from './caseFile';

// What changed between two verifications of the same case (DESIGN: re-verifying after layers change
// shows what changed): overlaps that appeared or went, overlap areas that moved, flags that came or
// went, and the layers whose bytes differ. An officer reading an older opinion needs exactly this list.

export type VerificationChange =
  | { kind: 'layerChanged'; layerId: string }
  | { kind: 'overlapAdded'; layerId: string; featureId: string; areaMu: number }
  | { kind: 'overlapRemoved'; layerId: string; featureId: string; areaMu: number }
  | { kind: 'overlapArea'; layerId: string; featureId: string; fromMu: number; toMu: number }
  | { kind: 'flagAdded'; code: string }
  | { kind: 'flagRemoved'; code: string };

/** Overlap areas closer than this are the same (a hundredth of a square metre, in mu: 1 mu = 2000/3 m²). */
const SAME_AREA_MU = 0.01 / (2000 / 3);

export function compareVerifications(before: FactsSnapshot, after: FactsSnapshot): VerificationChange[] {
  const changes: VerificationChange[] = [];
  const beforeLayers = new Map(before.layers.map((l) => [l.id, l.sha256]));
  const afterLayers = new Map(after.layers.map((l) => [l.id, l.sha256]));
  for (const id of new Set([...beforeLayers.keys(), ...afterLayers.keys()])) {
    if (beforeLayers.get(id) !== afterLayers.get(id)) changes.push({ kind: 'layerChanged', layerId: id });
  }
  // A feature may overlap in several pieces of one layer under one id: compare the sums.
  const areas = (facts: FactsSnapshot) => {
    const byKey = new Map<string, { layerId: string; featureId: string; areaMu: number }>();
    for (const o of facts.result.overlaps) {
      const key = `${o.layerId}\u0000${o.featureId}`;
      const held = byKey.get(key);
      byKey.set(key, { layerId: o.layerId, featureId: o.featureId, areaMu: (held?.areaMu ?? 0) + o.areaMu });
    }
    return byKey;
  };
  const was = areas(before);
  const now = areas(after);
  for (const [key, o] of now) {
    const old = was.get(key);
    if (!old) changes.push({ kind: 'overlapAdded', ...o });
    else if (Math.abs(old.areaMu - o.areaMu) > SAME_AREA_MU) changes.push({ kind: 'overlapArea', layerId: o.layerId, featureId: o.featureId, fromMu: old.areaMu, toMu: o.areaMu });
  }
  for (const [key, o] of was) if (!now.has(key)) changes.push({ kind: 'overlapRemoved', ...o });
  const oldFlags = new Set(before.result.flags.map((f) => f.code));
  const newFlags = new Set(after.result.flags.map((f) => f.code));
  for (const code of newFlags) if (!oldFlags.has(code)) changes.push({ kind: 'flagAdded', code });
  for (const code of oldFlags) if (!newFlags.has(code)) changes.push({ kind: 'flagRemoved', code });
  return changes;
}
