// Response and resolution targets per priority, in business minutes, with the same time in
// hours beside each input so 1440 reads as 24 hours.
import { Flex, Form, InputNumber, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useFormat } from "../../../i18n/format";
import { PRIORITIES } from "../../../lib/keys";

const KINDS = ["response_minutes", "resolution_minutes"] as const;

function InHours({ path }: { path: (string | number)[] }) {
  const format = useFormat();
  const form = Form.useFormInstance();
  const minutes = Form.useWatch(path, form) as number | null | undefined;
  return (
    <Typography.Text type="secondary" style={{ minWidth: 90, display: "inline-block" }}>
      {typeof minutes === "number" ? `= ${format.duration(minutes)}` : ""}
    </Typography.Text>
  );
}

export default function TargetsTable() {
  const { t } = useTranslation();
  return (
    <div data-testid="policy-targets" role="table" aria-label={t("slaAdmin.policy.targets")}>
      <Flex gap={8} role="row" style={{ fontWeight: 600, marginBottom: 8 }}>
        <span role="columnheader" style={{ width: 130 }}>
          {t("slaAdmin.policy.priority")}
        </span>
        <span role="columnheader" style={{ width: 240 }}>
          {t("slaAdmin.policy.response")}
        </span>
        <span role="columnheader" style={{ width: 240 }}>
          {t("slaAdmin.policy.resolution")}
        </span>
      </Flex>
      {PRIORITIES.map((p) => (
        <Flex key={p} gap={8} align="start" role="row">
          <span role="cell" style={{ width: 130, paddingTop: 5 }}>
            {t(`priority.${p}`)}
          </span>
          {KINDS.map((kind) => (
            <Flex key={kind} role="cell" gap={8} align="start" style={{ width: 240 }}>
              <Form.Item name={["targets", p, kind]} style={{ marginBottom: 8 }}>
                <InputNumber
                  min={0}
                  precision={0}
                  style={{ width: 110 }}
                  aria-label={`${p} ${t(kind === "response_minutes" ? "slaAdmin.policy.response" : "slaAdmin.policy.resolution")}`}
                  data-testid={`target-${p}-${kind === "response_minutes" ? "response" : "resolution"}`}
                />
              </Form.Item>
              <span style={{ paddingTop: 5 }}>
                <InHours path={["targets", p, kind]} />
              </span>
            </Flex>
          ))}
        </Flex>
      ))}
    </div>
  );
}
