type UserRow = { id: string; email: string; name: string; locale: string; isPlatformAdmin: boolean; createdAt: Date };

export const presentUser = (u: UserRow) => ({
  id: u.id,
  email: u.email,
  name: u.name,
  locale: u.locale,
  isPlatformAdmin: u.isPlatformAdmin,
  createdAt: u.createdAt.toISOString(),
});
