// Choosing who an escalation step (or the control centre) notifies, and the ordered chain of
// steps: add, remove, move up and down.
import { ArrowDownOutlined, ArrowUpOutlined, MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Flex, Select, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { Recipient } from "../../../api";
import { RECIPIENT_KINDS, type RecipientKind } from "../../../components/sla/recipients";
import { useDirectory } from "../../../lib/directory";
import { ROLES } from "../../../lib/keys";

type InputProps = { value?: Recipient; onChange?: (value: Recipient) => void; testId?: string };

function withKind(kind: RecipientKind, fallbackDepartment: string): Recipient {
  switch (kind) {
    case "assignee":
    case "supervisors":
      return { kind };
    case "role":
      return { kind, value: "admin" };
    case "department":
      return { kind, value: fallbackDepartment };
    case "user":
      return { kind, value: "" };
  }
}

export function RecipientInput({ value = { kind: "assignee" }, onChange, testId }: InputProps) {
  const { t } = useTranslation();
  const { directory } = useDirectory();
  const valueOptions =
    value.kind === "role"
      ? ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))
      : value.kind === "department"
        ? directory.departments.map((d) => ({ value: d.id, label: d.name }))
        : value.kind === "user"
          ? directory.users.filter((u) => u.active).map((u) => ({ value: u.login, label: `${u.display_name} (${u.login})` }))
          : [];

  return (
    <Flex gap={8} data-testid={testId}>
      <Select<RecipientKind>
        style={{ width: 170 }}
        value={value.kind}
        aria-label={t("recipient.kind")}
        onChange={(kind) => onChange?.(withKind(kind, directory.departments[0]?.id ?? ""))}
        options={RECIPIENT_KINDS.map((kind) => ({ value: kind, label: t(`recipient.${kind}`) }))}
      />
      {"value" in value && (
        <Select<string>
          style={{ minWidth: 200 }}
          showSearch
          optionFilterProp="label"
          value={value.value === "" ? undefined : value.value}
          aria-label={t(`recipient.${value.kind}`)}
          placeholder={t(`recipient.${value.kind}`)}
          onChange={(v) => onChange?.({ kind: value.kind, value: v })}
          options={valueOptions}
        />
      )}
    </Flex>
  );
}

type ChainProps = { value?: Recipient[]; onChange?: (value: Recipient[]) => void };

export function RecipientChain({ value = [], onChange }: ChainProps) {
  const { t } = useTranslation();

  function move(from: number, to: number) {
    const next = [...value];
    const [step] = next.splice(from, 1);
    next.splice(to, 0, step);
    onChange?.(next);
  }

  return (
    <Flex vertical gap={8} data-testid="policy-chain">
      {value.map((step, i) => (
        <Flex key={i} gap={8} align="center" data-testid="chain-step">
          <Typography.Text type="secondary" style={{ width: 64 }}>
            {t("slaAdmin.policy.step", { n: i + 1 })}
          </Typography.Text>
          <RecipientInput value={step} onChange={(r) => onChange?.(value.map((s, j) => (j === i ? r : s)))} />
          <Button size="small" type="text" icon={<ArrowUpOutlined />} aria-label={t("slaAdmin.policy.moveUp")} disabled={i === 0} onClick={() => move(i, i - 1)} />
          <Button
            size="small"
            type="text"
            icon={<ArrowDownOutlined />}
            aria-label={t("slaAdmin.policy.moveDown")}
            disabled={i === value.length - 1}
            onClick={() => move(i, i + 1)}
          />
          <Button size="small" type="text" icon={<MinusCircleOutlined />} aria-label={t("common.remove")} onClick={() => onChange?.(value.filter((_, j) => j !== i))} />
        </Flex>
      ))}
      <div>
        <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => onChange?.([...value, { kind: "assignee" }])} data-testid="chain-add">
          {t("slaAdmin.policy.addStep")}
        </Button>
      </div>
    </Flex>
  );
}
