import { can, settingsTabPermissions } from "@/lib/auth/permissions";
import { getCurrentUser } from "@/lib/auth/session";
import { settingsTabs } from "@/lib/config/settings-nav";
import { SettingsTabs } from "./_components/settings-tabs";

// Display only (layouts never gate): the tabs the role may open; each settings page checks its
// own permission.
export default async function SettingsLayout({ children }: { children: React.ReactNode }) {
  const user = await getCurrentUser();
  const visible = user ? settingsTabs.map((tab) => tab.key).filter((key) => can(user.role, settingsTabPermissions[key])) : [];
  return (
    <div className="flex flex-col gap-6">
      {visible.length > 1 && <SettingsTabs visible={visible} />}
      {children}
    </div>
  );
}
