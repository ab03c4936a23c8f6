import type { LayerKind } from '../model';
import type { Lang } from '../rules/ruleSet';

/** How opinions and reports name each layer kind. */
export const KIND_NAMES: Record<Lang, Record<LayerKind, string>> = {
  'zh-CN': {
    satellite_patch: '卫片图斑', approved_land: '建设用地审批', land_supply: '供地', real_estate: '不动产登记宗地', basic_farmland: '永久基本农田',
    eco_redline: '生态保护红线', urban_boundary: '城镇开发边界', planning_zone: '国土空间规划分区', land_use: '国土调查地类图斑',
  },
  en: {
    satellite_patch: 'satellite change patches', approved_land: 'approved construction land', land_supply: 'land supply', real_estate: 'real-estate parcels',
    basic_farmland: 'permanent basic farmland', eco_redline: 'ecological red line', urban_boundary: 'urban development boundary', planning_zone: 'planning zones', land_use: 'land-use survey plots',
  },
};
