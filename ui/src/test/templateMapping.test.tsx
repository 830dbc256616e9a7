// The mapping editor as an admin uses it: the stored mapping shows per target field, a field and
// an option get mapped and saved, and a core refusal lands on the row it names, in Chinese.
import { screen, waitFor, within } from "@testing-library/react";
import type { UserEvent } from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { FieldMapping, TemplateDef } from "../api";
import i18n from "../i18n";
import { chooseOption } from "./antdInputs";
import { coreError, mockCore } from "./fixtures";
import { renderApp } from "./renderApp";
import { stored, summary } from "./templateFixtures";

const n = (en: string, zh_cn: string, es: string) => ({ en, zh_cn, es });
const SECTIONS = [{ key: "main", names: n("Main", "主要", "Principal") }];

const repair: TemplateDef = {
  key: "it_repair",
  names: n("IT repair", "IT 报修", "Reparación informática"),
  sections: SECTIONS,
  fields: [
    { key: "device", section: "main", labels: n("Device", "设备", "Dispositivo"), type: "text" },
    {
      key: "fault",
      section: "main",
      labels: n("Fault type", "故障类型", "Tipo de avería"),
      type: "select",
      options: [
        { value: "screen", labels: n("Screen", "屏幕", "Pantalla") },
        { value: "other", labels: n("Other", "其他", "Otro") },
      ],
    },
    { key: "fault_detail", section: "main", labels: n("Fault detail", "故障说明", "Detalle"), type: "textarea" },
  ],
};

const visit: TemplateDef = {
  key: "field_visit",
  names: n("Field visit", "上门服务", "Visita"),
  sections: SECTIONS,
  fields: [
    { key: "device", section: "main", labels: n("Device", "设备", "Dispositivo"), type: "text" },
    {
      key: "issue",
      section: "main",
      labels: n("Issue", "问题类别", "Problema"),
      type: "select",
      options: [
        { value: "display", labels: n("Display", "显示", "Pantalla") },
        { value: "misc", labels: n("Misc", "杂项", "Varios") },
      ],
    },
    { key: "note", section: "main", labels: n("Note", "备注", "Nota"), type: "textarea" },
  ],
};

const defs: Record<string, TemplateDef> = { it_repair: repair, field_visit: visit };

function core(storedMapping: Partial<FieldMapping>, save: (m: FieldMapping) => FieldMapping = (m) => m) {
  return mockCore({
    templates_list: () => [summary(repair, 2), summary(visit, 1)],
    template_version_get: ({ key }) => stored(defs[key as string]),
    template_mapping_get: ({ from, to }) => ({ from, to, fields: {}, options: {}, ...storedMapping }),
    template_mapping_save: ({ mapping }) => save(mapping as FieldMapping),
  });
}

async function openMapping(user: UserEvent, from: string, to: string) {
  await user.click(await screen.findByTestId("menu-templates"));
  await user.click(await screen.findByTestId("mapping-open"));
  await chooseOption(user, screen.getByTestId("mapping-from"), from);
  await chooseOption(user, screen.getByTestId("mapping-to"), to);
  await screen.findByTestId("mapping-row-issue");
}

const shown = (testId: string) => screen.getByTestId(testId).querySelector(".ant-select-selection-item")?.textContent;

describe("template mapping editor", () => {
  it("shows the stored mapping, and saves a mapped field and option", async () => {
    await i18n.changeLanguage("en");
    const c = core({ fields: { fault_detail: "note" } });
    const { user } = renderApp();
    await openMapping(user, "IT repair (it_repair)", "Field visit (field_visit)");
    expect(c.callsOf("template_mapping_get")[0]).toMatchObject({ from: "it_repair", to: "field_visit" });

    expect(shown("mapping-source-note")).toBe("Fault detail (fault_detail)");
    expect(shown("mapping-source-device")).toBe("Device (same key)");
    expect(shown("mapping-source-issue")).toBe("None");

    await chooseOption(user, screen.getByTestId("mapping-source-issue"), "Fault type (fault)");
    // Neither source option is offered by the target as is: both start kept aside.
    const screenRow = await screen.findByTestId("mapping-option-issue-screen");
    expect(within(screenRow).getByText("Keep aside")).toBeInTheDocument();
    await chooseOption(user, screenRow, "Display");
    await user.click(screen.getByTestId("mapping-save"));

    await waitFor(() => expect(c.callsOf("template_mapping_save")).toHaveLength(1));
    expect(c.callsOf("template_mapping_save")[0].mapping).toEqual({
      from: "it_repair",
      to: "field_visit",
      fields: { fault_detail: "note", fault: "issue" },
      options: { fault: { screen: "display" } },
    });
    expect(await screen.findByText("Mapping saved.")).toBeInTheDocument();
  });

  it("shows the core's refusal on the row it names, in Chinese", async () => {
    await i18n.changeLanguage("zh-CN");
    core({ fields: { fault: "issue" }, options: { fault: { screen: "gone" } } }, () => {
      throw coreError({ key: "template.value_not_an_option", field: "options.fault", params: { value: "gone" } });
    });
    const { user } = renderApp();
    await openMapping(user, "IT 报修 (it_repair)", "上门服务 (field_visit)");
    await user.click(screen.getByTestId("mapping-save"));

    const error = await screen.findByTestId("mapping-error-issue");
    expect(error).toHaveTextContent("“gone”不是可选项之一。");
    expect(within(screen.getByTestId("mapping-row-issue")).getByTestId("mapping-error-issue")).toBe(error);
    expect(within(screen.getByTestId("mapping-row-note")).queryByText(/gone/)).toBeNull();
  });

  it("warns when a same-key source field would still fill a row mapped from another field", async () => {
    await i18n.changeLanguage("en");
    core({});
    const { user } = renderApp();
    await openMapping(user, "IT repair (it_repair)", "Field visit (field_visit)");
    expect(screen.queryByTestId("mapping-namesake-device")).toBeNull();

    await chooseOption(user, screen.getByTestId("mapping-source-device"), "Fault detail (fault_detail)");
    expect(await screen.findByTestId("mapping-namesake-device")).toHaveTextContent("same key fills it too");
    expect(screen.queryByTestId("mapping-namesake-note")).toBeNull();
  });
});
