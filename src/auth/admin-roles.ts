/** The admin roles, lowest first; shared by tokens, Cloudflare Access and dashboard sessions. */
export const ADMIN_ROLES = ["viewer", "editor"] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];

export const ROLE_RANK: Record<AdminRole, number> = { viewer: 1, editor: 2 };
