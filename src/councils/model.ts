export const BODY_KINDS = [
  'workplace',
  'neighbourhood',
  'supply_committee',
  'peasant',
  'soldiers',
  'union',
  'cordon',
  'regional',
  'national_assembly',
  'custom',
] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

export interface Body {
  id: string;
  kind: BodyKind;
  name: string;
  parentId: string | null;
  createdAt: Date;
  /** The charter as stored (see charter.ts for its fields and defaults). */
  charter: Record<string, unknown>;
}
