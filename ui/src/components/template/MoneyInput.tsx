// An amount in the field's currency. The core keeps money as decimal text
// (`{"amount": "12.50", "currency": "CNY"}`) so no binary rounding touches it.
import { Input } from "antd";
import { useLangT } from "./useLangT";

export type Money = { amount: string; currency: string };

type Props = {
  /** The language of the form (labels, buttons, messages). */
  lang?: string;
  currency: string;
  value?: Money | null;
  onChange?: (value: Money | null) => void;
  disabled?: boolean;
  testId?: string;
};

export default function MoneyInput({ lang, currency, value, onChange, disabled, testId }: Props) {
  const t = useLangT(lang);
  return (
    <Input
      inputMode="decimal"
      disabled={disabled}
      data-testid={testId}
      aria-label={t("templateForm.amount")}
      suffix={currency}
      value={value?.amount ?? ""}
      onChange={(e) => {
        // A decimal comma (es) is the same amount; the core reads a point.
        const amount = e.target.value.replace(/\s/g, "").replace(",", ".");
        onChange?.(amount === "" ? null : { amount, currency });
      }}
    />
  );
}
