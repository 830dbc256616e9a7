import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Form } from "antd";
import { describe, expect, it } from "vitest";
import type { FormState, TemplateDef } from "../api";
import TemplateFields from "../components/template/TemplateFields";
import i18n from "../i18n";
import { DirectoryProvider } from "../lib/directory";
import { coreError, mockCore } from "./fixtures";
import { everyKind, formState } from "./templateFixtures";

function Harness({ definition, state, lang, readOnly }: { definition: TemplateDef; state: FormState | null; lang: string; readOnly?: boolean }) {
  const [form] = Form.useForm();
  return (
    <DirectoryProvider>
      <Form form={form} layout="vertical">
        <TemplateFields definition={definition} state={state} lang={lang} readOnly={readOnly} />
      </Form>
    </DirectoryProvider>
  );
}

const item = (key: string) => screen.getByTestId(`template-item-${key}`);

describe("template fields", () => {
  it("renders every field kind in Chinese, grouped by section, leaving out what the core hides", async () => {
    await i18n.changeLanguage("zh-CN");
    mockCore();
    const state = formState(everyKind, { order_reference: { visible: false } });
    render(<Harness definition={everyKind} state={state} lang="zh-CN" />);

    const customer = screen.getByTestId("template-section-customer");
    expect(within(customer).getByText("客户信息")).toBeInTheDocument();
    for (const label of ["联系人", "是否已购买", "地区", "客户", "现场位置"]) {
      expect(within(customer).getByText(label)).toBeInTheDocument();
    }
    const request = screen.getByTestId("template-section-request");
    expect(within(request).getByText("服务请求")).toBeInTheDocument();
    for (const label of ["备注", "数量", "预算", "截止日期", "上门时间", "检查项", "加急", "负责人", "照片"]) {
      expect(within(request).getByText(label)).toBeInTheDocument();
    }
    expect(screen.getByText("其他说明")).toBeInTheDocument();
    // One input per kind.
    expect(within(item("contact")).getByRole("textbox")).toBeInTheDocument();
    expect(item("notes").querySelector("textarea")).not.toBeNull();
    expect(within(item("units")).getByRole("spinbutton")).toBeInTheDocument();
    expect(within(item("budget")).getByText("CNY")).toBeInTheDocument();
    expect(item("due_on").querySelector(".ant-picker")).not.toBeNull();
    expect(item("visit_at").querySelector(".ant-picker")).not.toBeNull();
    expect(item("purchased").querySelector(".ant-select")).not.toBeNull();
    expect(item("checks").querySelector(".ant-select-multiple")).not.toBeNull();
    expect(item("region").querySelector(".ant-cascader")).not.toBeNull();
    expect(within(item("urgent")).getByRole("checkbox")).toBeInTheDocument();
    expect(item("owner").querySelector(".ant-select")).not.toBeNull();
    expect(item("client").querySelector(".ant-select")).not.toBeNull();
    expect(within(item("photos")).getByRole("button", { name: /上传文件/ })).toBeInTheDocument();
    expect(within(item("site")).getByPlaceholderText("地址")).toBeInTheDocument();
    expect(within(item("site")).getByPlaceholderText("纬度")).toBeInTheDocument();
    expect(screen.queryByTestId("template-item-order_reference")).not.toBeInTheDocument();
  });

  it("marks required fields, disables read-only ones and shows a touched field's error translated", async () => {
    mockCore();
    const tooLong = coreError({ key: "template.value_too_long", params: { max: "5" }, field: "values.contact" });
    const state = formState(everyKind, {
      purchased: { required: true },
      units: { read_only: true },
      contact: { error: tooLong },
    });
    const user = userEvent.setup();
    render(<Harness definition={everyKind} state={state} lang="es" />);

    expect(item("purchased").querySelector(".ant-form-item-required")).not.toBeNull();
    expect(item("contact").querySelector(".ant-form-item-required")).toBeNull();
    expect(within(item("units")).getByRole("spinbutton")).toBeDisabled();
    expect(within(item("contact")).getByRole("textbox")).toBeEnabled();
    // Nobody has typed yet: the error waits.
    expect(within(item("contact")).queryByText("Como máximo 5 caracteres.")).not.toBeInTheDocument();
    await user.type(within(item("contact")).getByRole("textbox"), "Ana María");
    await waitFor(() => expect(within(item("contact")).getByText("Como máximo 5 caracteres.")).toBeInTheDocument());
  });

  it("shows every field disabled when read-only", () => {
    mockCore();
    render(<Harness definition={everyKind} state={formState(everyKind)} lang="en" readOnly />);
    expect(within(item("contact")).getByRole("textbox")).toBeDisabled();
    expect(within(item("urgent")).getByRole("checkbox")).toBeDisabled();
    expect(within(item("photos")).queryByRole("button", { name: /Upload/ })).not.toBeInTheDocument();
  });

  it("speaks the form's language, not the UI's, as the designer's preview needs", async () => {
    await i18n.changeLanguage("zh-CN");
    mockCore();
    const required = coreError({ key: "template.field_required", field: "values.contact" });
    render(<Harness definition={everyKind} state={formState(everyKind, { contact: { error: required } })} lang="es" />);
    expect(within(item("photos")).getByRole("button", { name: /Subir un archivo/ })).toBeInTheDocument();
    expect(within(item("site")).getByPlaceholderText("Dirección")).toBeInTheDocument();
    expect(within(item("contact")).getByText("Contacto")).toBeInTheDocument();
    expect(within(item("due_on")).getByPlaceholderText("Seleccionar fecha")).toBeInTheDocument();
  });
});
