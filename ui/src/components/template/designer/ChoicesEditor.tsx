// The options of a select field: a stored value and a label in each language per option.
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Flex, Form, Input } from "antd";
import { useTranslation } from "react-i18next";
import type { Choice } from "../../../api";
import { freshKey, LANGS } from "./model";

type Props = {
  options: Choice[];
  onChange: (options: Choice[]) => void;
  /** The refusal at `options.<i>…`, if any. */
  errorAt: (path: string) => string | undefined;
};

export default function ChoicesEditor({ options, onChange, errorAt }: Props) {
  const { t } = useTranslation();
  const set = (i: number, choice: Choice) => onChange(options.map((o, j) => (j === i ? choice : o)));
  const listError = errorAt("options") && !options.some((_, i) => errorAt(`options.${i}`)) ? errorAt("options") : undefined;
  return (
    <Form.Item label={t("designer.field.options")} validateStatus={listError ? "error" : undefined} help={listError}>
      <Flex vertical gap={4} data-testid="choices-editor">
        {options.map((o, i) => {
          const error = errorAt(`options.${i}`);
          return (
            <Form.Item key={i} style={{ marginBottom: 0 }} validateStatus={error ? "error" : undefined} help={error}>
              <Flex gap={4}>
                <Input
                  style={{ width: 110 }}
                  value={o.value}
                  placeholder={t("designer.field.optionValue")}
                  aria-label={t("designer.field.optionValue")}
                  data-testid={`option-${i}-value`}
                  onChange={(e) => set(i, { ...o, value: e.target.value })}
                />
                {LANGS.map((lang) => (
                  <Input
                    key={lang}
                    value={o.labels[lang]}
                    placeholder={t(`designer.lang.${lang}`)}
                    aria-label={`${t("designer.field.optionLabel")} (${t(`designer.lang.${lang}`)})`}
                    data-testid={`option-${i}-${lang}`}
                    onChange={(e) => set(i, { ...o, labels: { ...o.labels, [lang]: e.target.value } })}
                  />
                ))}
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t("common.remove")}
                  onClick={() => onChange(options.filter((_, j) => j !== i))}
                />
              </Flex>
            </Form.Item>
          );
        })}
        <Button
          icon={<PlusOutlined />}
          data-testid="option-add"
          onClick={() =>
            onChange([...options, { value: freshKey("option", options.map((o) => o.value)), labels: { en: "", zh_cn: "", es: "" } }])
          }
        >
          {t("designer.field.addOption")}
        </Button>
      </Flex>
    </Form.Item>
  );
}
