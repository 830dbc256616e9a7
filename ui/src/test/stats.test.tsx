// The Statistics page: adding a tile and reading its chart, Spanish labels, exports that say
// where the file went, and refusals of the core shown translated.
import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Dashboard, Tile, TileData } from "../api";
import i18n from "../i18n";
import { coreError, mockCore } from "./fixtures";
import { renderApp } from "./renderApp";

const MINE: Dashboard = {
  id: "d-mine",
  name: "Mi panel",
  default_kind: null,
  owner_id: "u-admin",
  owner_name: "Ada Admin",
  mine: true,
  shared: false,
  tiles: [],
  created_at: 1767225600000,
  updated_at: 1767225600000,
};

const CREATED: Tile = { id: "c", title: null, metric: "created", statistic: "mean", group_by: null, period: "month", last: 3, chart: "bar" };

const SUPERVISOR: Dashboard = {
  ...MINE,
  id: "default-supervisor",
  name: "Supervisor overview",
  default_kind: "supervisor",
  owner_id: "",
  owner_name: "",
  mine: false,
  shared: true,
  tiles: [CREATED],
};

/** What the core answers for a tile: three months, one series, a chart with known geometry. */
function tileData({ tile }: Record<string, unknown>): TileData {
  const t = tile as Tile;
  return {
    tile: t,
    title: t.title ?? "Creadas",
    unit: "count",
    periods: ["2026-01", "2026-02", "2026-03"],
    period_labels: ["ene 2026", "feb 2026", "mar 2026"],
    series: [{ group: null, name: "Creadas", values: [12345, 3, 5] }],
    chart:
      t.chart === "number" || t.chart === "table"
        ? null
        : {
            svg: '<svg xmlns="http://www.w3.org/2000/svg" width="640" height="320" viewBox="0 0 640 320"><text>Creadas</text></svg>',
            width: 640,
            height: 320,
            plot_area: { x: 50, y: 20, width: 560, height: 260 },
            x_positions: [100, 300, 500],
            y_min: 0,
            y_max: 14000,
          },
    time_zone: "Europe/Madrid",
    week_start: "monday",
  };
}

async function openStats(user: ReturnType<typeof renderApp>["user"]) {
  await user.click(await screen.findByTestId("nav-stats"));
  return screen.findByTestId("stats-page");
}

describe("statistics", () => {
  it("adds a tile, shows its chart with Spanish labels and a hover read-out, and saves", async () => {
    await i18n.changeLanguage("es");
    const core = mockCore({
      dashboards_list: () => [MINE, SUPERVISOR],
      tile_data: tileData,
      dashboards_save: ({ dashboard }) => ({ ...MINE, tiles: (dashboard as { tiles: Tile[] }).tiles }),
    });
    const { user } = renderApp();
    await openStats(user);
    expect(screen.getByText("Estadísticas", { selector: "h4" })).toBeInTheDocument();
    await user.click(screen.getByTestId("tile-add"));
    expect(await screen.findByText("Añadir mosaico", { selector: ".ant-modal-title" })).toBeInTheDocument();
    await user.click(screen.getByTestId("tile-editor-ok"));

    const chart = await screen.findByTestId("tile-chart");
    expect(chart).toHaveAttribute("alt", "Gráfico: Creadas");
    expect(chart.getAttribute("src")).toMatch(/^data:image\/svg\+xml/);
    expect(screen.getByTestId("tile-title")).toHaveTextContent("Creadas");
    expect(core.callsOf("tile_data").every((c) => c.lang === "es")).toBe(true);

    fireEvent.mouseMove(screen.getByTestId("tile-hover-layer"), { clientX: 110, clientY: 100 });
    const hover = await screen.findByTestId("tile-hover");
    expect(hover).toHaveTextContent("ene 2026");
    expect(hover).toHaveTextContent(`Creadas: ${new Intl.NumberFormat("es").format(12345)}`);
    fireEvent.mouseMove(screen.getByTestId("tile-hover-layer"), { clientX: 480, clientY: 100 });
    expect(screen.getByTestId("tile-hover")).toHaveTextContent("mar 2026");

    await user.click(screen.getByTestId("dashboard-save"));
    await waitFor(() => expect(core.callsOf("dashboards_save")).toHaveLength(1));
    const saved = core.callsOf("dashboards_save")[0].dashboard as { id: string; tiles: Tile[] };
    expect(saved.id).toBe("d-mine");
    expect(saved.tiles.map((x) => [x.metric, x.period, x.chart])).toEqual([["created", "week", "line"]]);
  });

  it("exports a tile and shows where the file went", async () => {
    await i18n.changeLanguage("es");
    const path = "/home/ana/Documentos/Orderly exports/Creadas-20260105-093000.png";
    const core = mockCore({ dashboards_list: () => [SUPERVISOR], tile_data: tileData, tile_export: () => path });
    const { user } = renderApp();
    await openStats(user);
    const tile = await screen.findByTestId("tile");
    await within(tile).findByTestId("tile-chart");
    expect(screen.getByText("No puede cambiar este panel; clónelo para organizar el suyo.")).toBeInTheDocument();
    await user.click(within(tile).getByTestId("tile-export"));
    await user.click(await screen.findByTestId("tile-export-png"));
    expect(await within(tile).findByTestId("tile-exported")).toHaveTextContent(`Guardado en ${path}`);
    expect(core.callsOf("tile_export")).toEqual([{ tile: CREATED, format: "png", lang: "es" }]);
  });

  it("shows the core's refusals translated, on the field they name", async () => {
    await i18n.changeLanguage("zh-CN");
    mockCore({
      dashboards_list: () => [MINE],
      tile_data: ({ tile }) => {
        if ((tile as Tile).last === 0) {
          throw coreError({ key: "dashboard.tile_periods_out_of_range", field: "tile.last", params: { max: "366" } });
        }
        return tileData({ tile });
      },
      dashboards_save: () => {
        throw coreError({ code: "forbidden", key: "dashboard.not_owner", params: { owner: "Ana", value: "Mi panel" } });
      },
    });
    const { user } = renderApp();
    await openStats(user);
    await user.click(screen.getByTestId("tile-add"));
    const last = await screen.findByTestId("tile-editor-last");
    await user.clear(last);
    await user.type(last, "0");
    await user.click(screen.getByTestId("tile-editor-ok"));
    expect(await screen.findByText("图块覆盖 1 到 366 个周期。")).toBeInTheDocument();
    expect(screen.queryByTestId("tile")).not.toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: /取\s*消/ }));
    await user.click(screen.getByTestId("dashboard-save"));
    expect(await screen.findByTestId("stats-error")).toHaveTextContent("只有所有者 Ana 可以修改仪表板“Mi panel”，可复制一份自己的。");
  });
});
