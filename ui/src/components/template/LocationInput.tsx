// A place: an address and/or coordinates (`{"address", "lat", "lon"}`); the core checks that
// there is an address or both coordinates, in range (the inputs do not clamp, so a slip is
// refused and named rather than silently changed).
import { Input, InputNumber, Space } from "antd";
import type { Place } from "./formValues";
import { useLangT } from "./useLangT";

type Props = {
  /** The language of the form (labels, buttons, messages). */
  lang?: string;
  value?: Place | null;
  onChange?: (value: Place | null) => void;
  disabled?: boolean;
  decimalSeparator: string;
  testId?: string;
};

const EMPTY: Place = { address: null, lat: null, lon: null };

export default function LocationInput({ lang, value, onChange, disabled, decimalSeparator, testId }: Props) {
  const t = useLangT(lang);
  const place = value ?? EMPTY;
  function change(patch: Partial<Place>) {
    const next = { ...place, ...patch };
    const empty = !next.address && next.lat === null && next.lon === null;
    onChange?.(empty ? null : next);
  }
  return (
    <Space direction="vertical" style={{ width: "100%" }} data-testid={testId}>
      <Input
        disabled={disabled}
        placeholder={t("templateForm.address")}
        aria-label={t("templateForm.address")}
        data-testid={testId && `${testId}-address`}
        value={place.address ?? ""}
        onChange={(e) => change({ address: e.target.value === "" ? null : e.target.value })}
      />
      <Space wrap>
        <InputNumber
          disabled={disabled}
          decimalSeparator={decimalSeparator}
          placeholder={t("templateForm.lat")}
          aria-label={t("templateForm.lat")}
          data-testid={testId && `${testId}-lat`}
          value={place.lat}
          onChange={(lat) => change({ lat: typeof lat === "number" ? lat : null })}
        />
        <InputNumber
          disabled={disabled}
          decimalSeparator={decimalSeparator}
          placeholder={t("templateForm.lon")}
          aria-label={t("templateForm.lon")}
          data-testid={testId && `${testId}-lon`}
          value={place.lon}
          onChange={(lon) => change({ lon: typeof lon === "number" ? lon : null })}
        />
      </Space>
    </Space>
  );
}
