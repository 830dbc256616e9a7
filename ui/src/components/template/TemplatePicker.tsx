// Choosing a template from the published library, by its name in the UI language.
import { Select } from "antd";
import { useTranslation } from "react-i18next";
import type { TemplateSummary } from "../../api";
import { textIn } from "./names";

type Props = {
  templates: TemplateSummary[] | null;
  value: string | null;
  onChange: (key: string) => void;
  placeholder?: string;
  testId: string;
};

export default function TemplatePicker({ templates, value, onChange, placeholder, testId }: Props) {
  const { i18n } = useTranslation();
  return (
    <Select
      data-testid={testId}
      value={value ?? undefined}
      placeholder={placeholder}
      loading={templates === null}
      showSearch
      optionFilterProp="label"
      onChange={onChange}
      options={(templates ?? []).map((s) => ({ value: s.key, label: textIn(s.names, i18n.language) }))}
    />
  );
}
