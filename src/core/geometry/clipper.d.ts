// clipper-lib ships no types; these cover what LandCheck uses of Clipper 6.4.
declare module 'clipper-lib' {
  interface IntPoint { X: number; Y: number }
  type Path = IntPoint[];
  type Paths = Path[];
  interface PolyNode { Contour(): Path; Childs(): PolyNode[]; IsHole(): boolean }
  interface ExPolygon { outer: Path; holes: Path[] }
  const ClipperLib: {
    Clipper: {
      new (): { AddPaths(paths: Paths, type: number, closed: boolean): boolean; Execute(clipType: number, solution: unknown, subjFill: number, clipFill: number): boolean };
      Area(path: Path): number;
    };
    ClipperOffset: new (miterLimit?: number, arcTolerance?: number) => { AddPath(path: Path, joinType: number, endType: number): void; Execute(solution: unknown, delta: number): void };
    PolyTree: new () => PolyNode;
    PolyType: { ptSubject: number; ptClip: number };
    ClipType: { ctIntersection: number; ctUnion: number; ctDifference: number; ctXor: number };
    PolyFillType: { pftEvenOdd: number; pftNonZero: number };
    JoinType: { jtRound: number };
    EndType: { etOpenRound: number; etClosedPolygon: number };
    JS: { PolyTreeToExPolygons(tree: PolyNode): ExPolygon[] };
  };
  export default ClipperLib;
}
