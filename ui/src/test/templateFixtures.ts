// Template definitions and core answers in the core's shapes, for the template form tests.
import type { FieldDef, FieldView, FormState, Names, StoredTemplate, TemplateDef, TemplateSummary } from "../api";
// The core's own library files, so the tests meet the templates users get.
import afterSalesJson from "../../../templates/library/after_sales.json";
import customerServiceJson from "../../../templates/library/customer_service.json";
import generalJson from "../../../templates/library/general.json";
import salesJson from "../../../templates/library/sales.json";

export const general = generalJson as TemplateDef;
export const sales = salesJson as TemplateDef;
export const customerService = customerServiceJson as TemplateDef;
export const afterSales = afterSalesJson as TemplateDef;

const n = (en: string, zh_cn: string, es: string): Names => ({ en, zh_cn, es });

const SECTIONS = [
  { key: "customer", names: n("Customer information", "客户信息", "Datos del cliente") },
  { key: "request", names: n("Service request", "服务请求", "Solicitud de servicio") },
];

/** One field of every kind the core knows, with Chinese labels to look for. */
export const everyKind: TemplateDef = {
  key: "every_kind",
  names: n("Every kind", "全部类型", "Todos los tipos"),
  sections: SECTIONS,
  fields: [
    { key: "contact", section: "customer", labels: n("Contact", "联系人", "Contacto"), type: "text" },
    { key: "notes", section: "request", labels: n("Notes", "备注", "Notas"), help: n("Anything else", "其他说明", "Otros"), type: "textarea" },
    { key: "units", section: "request", labels: n("Units", "数量", "Unidades"), type: "number", decimals: 0 },
    { key: "budget", section: "request", labels: n("Budget", "预算", "Presupuesto"), type: "money", currency: "CNY" },
    { key: "due_on", section: "request", labels: n("Due on", "截止日期", "Fecha límite"), type: "date" },
    { key: "visit_at", section: "request", labels: n("Visit at", "上门时间", "Visita"), type: "datetime" },
    {
      key: "purchased",
      section: "customer",
      labels: n("Purchased", "是否已购买", "Comprado"),
      type: "select",
      options: [
        { value: "yes", labels: n("Yes", "是", "Sí") },
        { value: "no", labels: n("No", "否", "No") },
      ],
    },
    {
      key: "checks",
      section: "request",
      labels: n("Checks", "检查项", "Comprobaciones"),
      type: "multi_select",
      options: [
        { value: "power", labels: n("Power", "电源", "Alimentación") },
        { value: "filter", labels: n("Filter", "滤网", "Filtro") },
      ],
    },
    {
      key: "region",
      section: "customer",
      labels: n("Region", "地区", "Región"),
      type: "cascade",
      levels: [n("Country", "国家", "País"), n("Province", "省份", "Provincia"), n("City", "城市", "Ciudad")],
      tree: [
        {
          value: "cn",
          labels: n("China", "中国", "China"),
          children: [
            {
              value: "gd",
              labels: n("Guangdong", "广东", "Cantón"),
              children: [
                { value: "sz", labels: n("Shenzhen", "深圳", "Shenzhen") },
                { value: "gz", labels: n("Guangzhou", "广州", "Cantón") },
              ],
            },
          ],
        },
      ],
    },
    { key: "urgent", section: "request", labels: n("Urgent", "加急", "Urgente"), type: "checkbox" },
    { key: "owner", section: "request", labels: n("Owner", "负责人", "Responsable"), type: "user" },
    { key: "client", section: "customer", labels: n("Client", "客户", "Cliente"), type: "customer" },
    { key: "photos", section: "request", labels: n("Photos", "照片", "Fotos"), type: "attachment", types: ["image/*"] },
    { key: "site", section: "customer", labels: n("Site", "现场位置", "Ubicación"), type: "location" },
    {
      key: "order_reference",
      section: "customer",
      labels: n("Order reference", "订单号", "Referencia del pedido"),
      type: "text",
    },
  ],
  rules: [
    { when: [{ op: "any_of", field: "purchased", values: ["yes"] }], effect: "show", targets: ["order_reference"] },
    { when: [{ op: "any_of", field: "purchased", values: ["yes"] }], effect: "require", targets: ["order_reference"] },
  ],
};

/** A FieldView per field: visible, optional, writable, no error, unless `patch` says otherwise. */
export function formState(def: TemplateDef, patch: Record<string, Partial<FieldView>> = {}, version = 1): FormState {
  const fields = def.fields.map((f: FieldDef) => ({
    key: f.key,
    visible: true,
    required: f.required ?? false,
    read_only: false,
    error: null,
    ...patch[f.key],
  }));
  return { key: def.key, version, fields, valid: fields.every((f) => f.error === null) };
}

export function stored(def: TemplateDef, version = 1): StoredTemplate {
  return { key: def.key, version, status: "published", definition: def, created_by: null, created_at: 1767225600000 };
}

export function summary(def: TemplateDef, version = 1): TemplateSummary {
  return { key: def.key, version, names: def.names, category: "service", fields: def.fields.length, draft_version: null };
}
