// Asking for the key (and names) of a new template: blank, or a clone of one in the library.
import { Form, Input, Modal } from "antd";
import { useTranslation } from "react-i18next";
import type { Names } from "../../../api";
import { LANGS } from "../../../components/template/designer/model";

export type NewTemplate = { key: string; names: Names };

type Props = {
  open: boolean;
  /** The template being cloned, shown in the title; null for a blank one. */
  cloning: string | null;
  initialNames: Names;
  takenKeys: string[];
  onCancel: () => void;
  onCreate: (t: NewTemplate) => void;
};

export default function NewTemplateDialog({ open, cloning, initialNames, takenKeys, onCancel, onCreate }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<NewTemplate>();
  return (
    <Modal
      open={open}
      destroyOnHidden
      title={cloning ? t("designer.library.cloneTitle", { name: cloning }) : t("designer.library.newTitle")}
      okText={t("common.create")}
      okButtonProps={{ "data-testid": "new-template-ok" }}
      onCancel={onCancel}
      onOk={() => form.submit()}
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={{ key: "", names: initialNames }} onFinish={(v) => onCreate({ key: v.key.trim(), names: v.names })}>
        <Form.Item
          name="key"
          label={t("designer.template.key")}
          extra={t("designer.library.keyHint")}
          // Only a guard against reopening a stored template by accident; the core checks the key.
          rules={[
            { required: true, message: t("common.required") },
            { validator: (_, v: string) => (takenKeys.includes((v ?? "").trim()) ? Promise.reject(new Error(t("errors.template.key_taken", { value: v }))) : Promise.resolve()) },
          ]}
        >
          <Input data-testid="new-template-key" />
        </Form.Item>
        {LANGS.map((lang) => (
          <Form.Item key={lang} name={["names", lang]} label={`${t("designer.template.names")} (${t(`designer.lang.${lang}`)})`} rules={[{ required: true, message: t("common.required") }]}>
            <Input data-testid={`new-template-name-${lang}`} />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}
