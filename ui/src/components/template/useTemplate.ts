// Loading templates for the order forms: the library list, one version's definition, a mapping.
import type { FormInstance } from "antd";
import { useEffect, useState } from "react";
import { api, type ConversionPreview, type StoredTemplate, type TemplateSummary } from "../../api";

type Loaded<T> = { request: string; data: T | null; error: unknown };

/** One version of a template (`version` null: the latest published); null while loading. */
export function useTemplate(key: string | null, version: number | null) {
  const request = key === null ? "" : `${key}@${version ?? "latest"}`;
  const [loaded, setLoaded] = useState<Loaded<StoredTemplate>>({ request: "", data: null, error: null });
  useEffect(() => {
    if (key === null) return;
    let current = true;
    api.templateVersionGet(key, version).then(
      (data) => current && setLoaded({ request, data, error: null }),
      (error: unknown) => current && setLoaded({ request, data: null, error }),
    );
    return () => {
      current = false;
    };
  }, [key, version, request]);
  const fresh = loaded.request === request;
  return { template: fresh ? loaded.data : null, error: fresh ? loaded.error : null };
}

/** The published templates an order can use, in library order. */
export function useTemplateList(enabled: boolean) {
  const [loaded, setLoaded] = useState<{ list: TemplateSummary[] | null; error: unknown }>({ list: null, error: null });
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    api.templatesList().then(
      (list) => current && setLoaded({ list, error: null }),
      (error: unknown) => current && setLoaded({ list: null, error }),
    );
    return () => {
      current = false;
    };
  }, [enabled]);
  return loaded;
}

/** Where converting the order (as of `version`) to `to` would carry each of its values: the
 *  core's own preview, by the stored mapping (or same keys when none is stored). */
export function useConversionPreview(orderId: string | null, version: number, to: string | null) {
  const request = orderId === null || to === null ? "" : `${orderId}@${version}->${to}`;
  const [loaded, setLoaded] = useState<Loaded<ConversionPreview>>({ request: "", data: null, error: null });
  useEffect(() => {
    if (orderId === null || to === null) return;
    let current = true;
    api.orderConvertPreview(orderId, to, null).then(
      (data) => current && setLoaded({ request, data, error: null }),
      (error: unknown) => current && setLoaded({ request, data: null, error }),
    );
    return () => {
      current = false;
    };
  }, [orderId, to, request]);
  const fresh = loaded.request === request;
  return { preview: fresh ? loaded.data : null, error: fresh ? loaded.error : null };
}

/** A newly loaded template starts the form from its defaults and its default priority. */
export function useTemplateDefaults(form: FormInstance, template: StoredTemplate | null) {
  useEffect(() => {
    if (!template) return;
    const defaults: Record<string, unknown> = {};
    for (const f of template.definition.fields) if (f.default !== undefined && f.default !== null) defaults[f.key] = f.default;
    form.setFieldValue("values", defaults);
    if (template.definition.default_priority && !form.isFieldTouched("priority")) {
      form.setFieldValue("priority", template.definition.default_priority);
    }
  }, [template, form]);
}
