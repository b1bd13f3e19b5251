import { loadSettings } from "../config/read-config.ts";
import type { MonitorPanel } from "./pages.tsx";

/** Panels of the dashboard's monitoring section, each from the module that owns the numbers. */
export async function collectMonitors(env: Pick<Env, "CONFIG_KV">): Promise<MonitorPanel[]> {
  const config = await loadSettings(env.CONFIG_KV);
  return [
    {
      title: "Remote config",
      rows: [
        ["Published revision", String(config.revision)],
        ["Read from", config.source],
        ["Maintenance mode", config.settings["features.maintenance_mode"] ? "ON" : "off"],
        ["Scraper", config.settings["scraper.enabled"] ? `on, ${config.settings["scraper.schedule"]}` : "off"],
      ],
    },
  ];
}
