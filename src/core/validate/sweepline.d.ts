// sweepline-intersections ships no types; LandCheck uses its default function only.
declare module 'sweepline-intersections' {
  export default function findIntersections(geojson: unknown, ignoreSelfIntersections?: boolean): [number, number][];
}
