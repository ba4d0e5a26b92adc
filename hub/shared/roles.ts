// Plain data shared by the hub's server and its pages (which may import values only from outside server/).

/** Roles of hub accounts, least to most: figures of a province, a commune's records with names, the whole hub. */
export const HUB_ROLES = ['province-viewer', 'commune-admin', 'hub-admin'] as const;
/** One of {@link HUB_ROLES}. */
export type HubRole = (typeof HUB_ROLES)[number];

/** Vietnamese names of the roles. */
export const HUB_ROLE_LABELS: Record<HubRole, string> = {
  'province-viewer': 'Xem số liệu cấp tỉnh',
  'commune-admin': 'Quản trị cấp xã',
  'hub-admin': 'Quản trị máy chủ',
};

/** English names of the roles, for the pages in English (the server's `roleLabel` stays Vietnamese). */
export const HUB_ROLE_LABELS_EN: Record<HubRole, string> = {
  'province-viewer': 'Province viewer',
  'commune-admin': 'Commune admin',
  'hub-admin': 'Hub admin',
};
