// The template designer as an admin uses it: palette, reordering, core refusals on the field
// they name, the preview in Chinese from the core's form state, publishing.
import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { FieldDef, FormState, StoredTemplate, TemplateDef, TemplateSummary } from "../api";
import i18n from "../i18n";
import { coreError, mockCore } from "./fixtures";
import { renderApp } from "./renderApp";

const names = (en: string, zh_cn: string, es: string) => ({ en, zh_cn, es });

const repair: TemplateDef = {
  key: "it_repair",
  names: names("IT repair", "IT 报修", "Reparación informática"),
  department_id: null,
  category: "service",
  sections: [
    { key: "request", names: names("Request", "请求", "Solicitud") },
    { key: "closing", names: names("Closing", "关闭", "Cierre") },
  ],
  fields: [
    { key: "device", section: "request", labels: names("Device", "设备", "Dispositivo"), type: "text", max_chars: null, pattern: null },
    {
      key: "fault",
      section: "request",
      labels: names("Fault type", "故障类型", "Tipo de avería"),
      type: "select",
      options: [
        { value: "screen", labels: names("Screen", "屏幕", "Pantalla") },
        { value: "other", labels: names("Other", "其他", "Otro") },
      ],
    },
    { key: "fault_detail", section: "request", labels: names("Fault detail", "故障说明", "Detalle de la avería"), type: "textarea", max_chars: null },
    { key: "resolution", section: "closing", labels: names("Resolution", "处理结果", "Resolución"), type: "textarea", max_chars: null },
  ],
  rules: [{ when: [{ op: "any_of", field: "fault", values: ["other"] }], effect: "require", targets: ["fault_detail"] }],
  default_priority: "P3",
};

const summary: TemplateSummary = { key: "it_repair", version: 2, names: repair.names, category: "service", fields: 4, draft_version: null };
const stored = (version: number, status: StoredTemplate["status"], definition = repair): StoredTemplate => ({
  key: "it_repair",
  version,
  status,
  definition,
  created_by: "u-admin",
  created_at: 1767225600000,
});

/** The core's form state: every field shown, `fault_detail` hidden unless asked otherwise. */
function formState(definition: TemplateDef, hidden: string[] = []): FormState {
  return {
    key: definition.key,
    version: 0,
    valid: true,
    fields: definition.fields.map((f) => ({ key: f.key, visible: !hidden.includes(f.key), required: false, read_only: false, error: null })),
  };
}

function core(handlers: Parameters<typeof mockCore>[0] = {}) {
  return mockCore({
    templates_list: () => [summary],
    template_version_get: ({ version }) => stored(Number(version ?? 2), "published"),
    template_preview_state: ({ definition }) => formState(definition as TemplateDef),
    template_draft_save: ({ definition }) => stored(3, "draft", definition as TemplateDef),
    template_publish: () => stored(3, "published"),
    ...handlers,
  });
}

async function openRepair() {
  const view = renderApp();
  await view.user.click(await screen.findByTestId("menu-templates"));
  await view.user.click(await screen.findByTestId("template-open-it_repair"));
  await screen.findByTestId("template-designer");
  return view;
}

const canvasKeys = (section: string) =>
  [...screen.getByTestId(`canvas-section-${section}`).querySelectorAll<HTMLElement>('[data-testid^="canvas-field-"]')].map((el) =>
    el.dataset.testid!.slice("canvas-field-".length),
  );
const savedFields = (c: ReturnType<typeof core>) => (c.callsOf("template_draft_save").at(-1)!.definition as TemplateDef).fields;
const itemOf = (el: HTMLElement) => el.closest<HTMLElement>(".ant-form-item")!;

describe("template designer", () => {
  it("lists the library in the UI language with its draft state", async () => {
    await i18n.changeLanguage("es");
    core({ templates_list: () => [{ ...summary, draft_version: 3 }] });
    const { user } = renderApp();
    await user.click(await screen.findByTestId("menu-templates"));
    const row = (await screen.findByTestId("template-open-it_repair")).closest("tr")!;
    expect(row).toHaveTextContent("Reparación informática");
    expect(row).toHaveTextContent("v2");
    expect(row).toHaveTextContent("v3 pendiente");
  });

  it("adds a field from the palette to the chosen section and reorders it, then saves that order", async () => {
    const c = core();
    const { user } = await openRepair();
    expect(canvasKeys("request")).toEqual(["device", "fault", "fault_detail"]);

    await user.click(screen.getByTestId("canvas-section-closing"));
    await user.click(screen.getByTestId("palette-add-number"));
    expect(canvasKeys("closing")).toEqual(["resolution", "number_1"]);
    // The new field is selected, labelled with its type in each language.
    expect(screen.getByTestId("prop-label-zh_cn")).toHaveValue("数字");

    await user.click(screen.getByTestId("move-up-number_1"));
    expect(canvasKeys("closing")).toEqual(["number_1", "resolution"]);
    await user.click(screen.getByTestId("move-down-device"));
    expect(canvasKeys("request")).toEqual(["fault", "device", "fault_detail"]);

    await user.click(screen.getByTestId("designer-save"));
    await waitFor(() => expect(c.callsOf("template_draft_save")).toHaveLength(1));
    const fields = savedFields(c);
    expect(fields.map((f) => f.key)).toEqual(["fault", "device", "fault_detail", "number_1", "resolution"]);
    expect(fields.find((f) => f.key === "number_1")).toMatchObject({ section: "closing", type: "number", labels: names("Number", "数字", "Número") });
  });

  it("renaming a field carries the new key into the rules that name it", async () => {
    const c = core();
    const { user } = await openRepair();
    await user.click(screen.getByTestId("canvas-field-fault"));
    const key = screen.getByTestId("prop-key");
    await user.clear(key);
    await user.type(key, "fault_kind{Enter}");
    await user.click(screen.getByTestId("designer-save"));
    await waitFor(() => expect(c.callsOf("template_draft_save")).toHaveLength(1));
    const def = c.callsOf("template_draft_save")[0].definition as TemplateDef;
    expect(def.rules?.[0].when[0]).toMatchObject({ field: "fault_kind" });
  });

  it("shows the core's refusal of a saved pattern on that field's pattern input, in the UI language", async () => {
    await i18n.changeLanguage("zh-CN");
    core({
      template_draft_save: () => {
        throw coreError({ key: "template.pattern_invalid", field: "fields.0.pattern", params: { value: "([", detail: "unclosed group" } });
      },
    });
    const { user } = await openRepair();
    // Another field is selected when the refusal arrives: the designer brings the refused one up.
    await user.click(screen.getByTestId("canvas-field-resolution"));
    await user.click(screen.getByTestId("designer-save"));

    const pattern = await screen.findByTestId("prop-pattern");
    await waitFor(() => expect(itemOf(pattern)).toHaveTextContent("unclosed group"));
    expect(itemOf(pattern)).toHaveTextContent("([");
    expect(screen.getByTestId("canvas-field-device")).toHaveAttribute("aria-selected", "true");
    expect(itemOf(screen.getByTestId("prop-key"))).not.toHaveTextContent("unclosed group");
    expect(screen.getByTestId("designer-error")).toHaveTextContent("字段“设备”");
  });

  it("shows the preview's refusal of a new rule on that rule's targets", async () => {
    core({
      template_preview_state: ({ definition }) => {
        const def = definition as TemplateDef;
        if ((def.rules ?? []).every((r) => r.targets.length > 0)) return formState(def);
        throw coreError({ key: "template.rule_targets_empty", field: `rules.${(def.rules ?? []).findIndex((r) => r.targets.length === 0)}.targets` });
      },
    });
    const { user } = await openRepair();
    await user.click(screen.getByTestId("designer-tab-rules"));
    await user.click(screen.getByTestId("rule-add"));
    const message = "A rule needs at least one field to act on.";
    await waitFor(() => expect(itemOf(screen.getByTestId("rule-1-targets"))).toHaveTextContent(message));
    expect(screen.getByTestId("rule-0")).not.toHaveTextContent(message);
    expect(screen.getByTestId("designer-error")).toHaveTextContent(`Rule 2: ${message}`);
    expect(screen.getByTestId("preview-refused")).toBeVisible();
  });

  it("previews the form in Chinese with the fields the core says are visible", async () => {
    const c = core({ template_preview_state: ({ definition }) => formState(definition as TemplateDef, ["fault_detail"]) });
    const { user } = await openRepair();
    const preview = screen.getByTestId("designer-preview");
    await user.click(within(preview).getByTestId("preview-tab-zh-CN"));

    await waitFor(() => expect(within(preview).getByTestId("template-fields")).toHaveTextContent("故障类型"));
    expect(within(preview).getByTestId("template-fields")).toHaveTextContent("设备");
    expect(within(preview).getByTestId("template-fields")).toHaveTextContent("请求");
    expect(within(preview).queryByText("故障说明")).not.toBeInTheDocument();
    expect(within(preview).queryByText("Fault type")).not.toBeInTheDocument();

    // The unsaved definition is what the core checks: an edit reaches the preview.
    await user.click(screen.getByTestId("canvas-field-device"));
    const zh = screen.getByTestId("prop-label-zh_cn");
    await user.clear(zh);
    await user.type(zh, "电脑型号");
    await waitFor(() => expect(within(preview).getByTestId("template-fields")).toHaveTextContent("电脑型号"));
    const asked = c.callsOf("template_preview_state").at(-1)!.definition as TemplateDef;
    expect((asked.fields as FieldDef[])[0].labels.zh_cn).toBe("电脑型号");
  });

  it("sends the preview values with the definition, without values of fields since removed", async () => {
    const c = core();
    const { user } = await openRepair();
    const preview = screen.getByTestId("designer-preview");
    const device = await waitFor(() => within(within(preview).getByTestId("template-item-device")).getByRole("textbox"));
    await user.type(device, "ThinkPad X1");
    const lastValues = () => c.callsOf("template_preview_state").at(-1)!.values;
    await waitFor(() => expect(lastValues()).toEqual({ device: "ThinkPad X1" }));

    await user.click(screen.getByTestId("remove-device"));
    await waitFor(() => expect((c.callsOf("template_preview_state").at(-1)!.definition as TemplateDef).fields).toHaveLength(3));
    expect(lastValues()).toEqual({});
  });

  it("publishing saves the edits as the draft and then publishes that key", async () => {
    const c = core();
    const { user } = await openRepair();
    await user.click(screen.getByTestId("canvas-field-resolution"));
    await user.click(screen.getByTestId("prop-required"));
    await user.click(screen.getByTestId("designer-publish"));
    await user.click(await screen.findByTestId("designer-publish-ok"));

    await waitFor(() => expect(c.callsOf("template_publish")).toEqual([{ key: "it_repair" }]));
    const order = c.calls.map((call) => call.cmd).filter((cmd) => cmd === "template_draft_save" || cmd === "template_publish");
    expect(order).toEqual(["template_draft_save", "template_publish"]);
    expect(savedFields(c).find((f) => f.key === "resolution")?.required).toBe(true);
    expect(await screen.findByText("Version 3 published.")).toBeVisible();
  });

  it("compares two versions with the core's diff", async () => {
    const c = core({
      template_diff: ({ from, to }) => ({
        key: "it_repair",
        from,
        to,
        changes: [{ kind: "added", target: "field", key: "fault_detail", detail: [] }],
      }),
    });
    const { user } = await openRepair();
    await user.click(screen.getByTestId("designer-tab-versions"));
    await user.click(await screen.findByTestId("diff-compare"));
    const table = await screen.findByTestId("diff-table");
    expect(table).toHaveTextContent("fault_detail");
    expect(table).toHaveTextContent("added");
    expect(c.callsOf("template_diff")).toEqual([{ key: "it_repair", from: 1, to: 2 }]);
  });
});
