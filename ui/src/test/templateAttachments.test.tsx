import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Form } from "antd";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { TemplateDef } from "../api";
import TemplateFields from "../components/template/TemplateFields";
import i18n from "../i18n";
import { DirectoryProvider } from "../lib/directory";
import { coreError, mockCore } from "./fixtures";
import { everyKind, formState } from "./templateFixtures";

const photosOnly: TemplateDef = { ...everyKind, fields: everyKind.fields.filter((f) => f.key === "photos"), rules: [] };
const SHA = "a".repeat(64);

/** The form's values after the last change the user made. */
let latest: { values?: Record<string, unknown> } = {};
function Harness() {
  return (
    <DirectoryProvider>
      <Form onValuesChange={(_, all) => (latest = all)}>
        <TemplateFields definition={photosOnly} state={formState(photosOnly)} lang="zh-CN" />
      </Form>
    </DirectoryProvider>
  );
}

afterEach(() => {
  vi.restoreAllMocks();
  latest = {};
});

describe("attachment field", () => {
  it("stores an uploaded file through the core, lists it, downloads it by hash and removes it", async () => {
    await i18n.changeLanguage("zh-CN");
    const core = mockCore({
      attachment_put: ({ name, mime, bytes }) => ({ sha256: SHA, name: name as string, mime: mime as string, size: (bytes as number[]).length }),
      attachment_get: () => [104, 105],
    });
    // jsdom has no object URLs; the download hands the browser one.
    const created = vi.fn((_: Blob) => "blob:photo");
    Object.assign(URL, { createObjectURL: created, revokeObjectURL: () => {} });
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => {});
    const user = userEvent.setup();
    render(<Harness />);

    const field = screen.getByTestId("template-item-photos");
    const input = field.querySelector<HTMLInputElement>("input[type=file]")!;
    await user.upload(input, new File(["hello"], "泵.jpg", { type: "image/jpeg" }));

    await waitFor(() => expect(core.callsOf("attachment_put")).toHaveLength(1));
    expect(core.callsOf("attachment_put")[0]).toEqual({
      templateKey: "every_kind",
      fieldKey: "photos",
      name: "泵.jpg",
      mime: "image/jpeg",
      bytes: [104, 101, 108, 108, 111],
    });
    const file = await within(field).findByTestId("attachment-file");
    expect(file).toHaveTextContent("泵.jpg");
    expect(latest.values?.photos).toEqual([{ sha256: SHA, name: "泵.jpg", mime: "image/jpeg", size: 5 }]);

    await user.click(within(file).getByRole("button", { name: "下载 泵.jpg" }));
    await waitFor(() => expect(clicked).toHaveBeenCalled());
    expect(core.callsOf("attachment_get")).toEqual([{ sha256: SHA }]);
    expect((created.mock.calls[0][0] as Blob).type).toBe("image/jpeg");

    await user.click(within(file).getByRole("button", { name: "移除 泵.jpg" }));
    expect(within(field).queryByTestId("attachment-file")).not.toBeInTheDocument();
    expect(latest.values?.photos).toEqual([]);
  });

  it("shows the core's refusal of a file in the UI language and keeps the list as it was", async () => {
    await i18n.changeLanguage("zh-CN");
    mockCore({
      attachment_put: () => {
        throw coreError({ key: "template.value_file_too_large", params: { value: "大.jpg", max: "1024" }, field: "values.photos" });
      },
    });
    const user = userEvent.setup();
    render(<Harness />);
    const field = screen.getByTestId("template-item-photos");
    await user.upload(field.querySelector<HTMLInputElement>("input[type=file]")!, new File(["x"], "大.jpg", { type: "image/jpeg" }));
    expect(await within(field).findByTestId("attachment-error")).toHaveTextContent("大.jpg 超过了允许的 1024 字节。");
    expect(within(field).queryByTestId("attachment-file")).not.toBeInTheDocument();
  });
});
