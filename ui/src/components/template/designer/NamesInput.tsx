// One text in the three languages a template speaks (en, zh-CN, es), side by side, each with
// the core's refusal when it names that language.
import { Flex, Form, Input } from "antd";
import { useTranslation } from "react-i18next";
import type { Names } from "../../../api";
import { LANGS } from "./model";

type Props = {
  label: string;
  value: Names;
  onChange: (names: Names) => void;
  /** The refusal for `<lang>` (`en`, `zh_cn`, `es`), if any. */
  errorOf?: (lang: (typeof LANGS)[number]) => string | undefined;
  testId: string;
  multiline?: boolean;
};

export default function NamesInput({ label, value, onChange, errorOf, testId, multiline }: Props) {
  const { t } = useTranslation();
  return (
    <Form.Item label={label} style={{ marginBottom: 8 }}>
      <Flex gap={8} wrap>
        {LANGS.map((lang) => {
          const error = errorOf?.(lang);
          const common = {
            value: value[lang],
            placeholder: t(`designer.lang.${lang}`),
            "aria-label": `${label} (${t(`designer.lang.${lang}`)})`,
            "data-testid": `${testId}-${lang}`,
            status: error ? ("error" as const) : undefined,
          };
          return (
            <Form.Item
              key={lang}
              noStyle={false}
              style={{ flex: "1 1 140px", marginBottom: 0 }}
              validateStatus={error ? "error" : undefined}
              help={error}
            >
              {multiline ? (
                <Input.TextArea {...common} autoSize={{ minRows: 1, maxRows: 4 }} onChange={(e) => onChange({ ...value, [lang]: e.target.value })} />
              ) : (
                <Input {...common} onChange={(e) => onChange({ ...value, [lang]: e.target.value })} />
              )}
            </Form.Item>
          );
        })}
      </Flex>
    </Form.Item>
  );
}
