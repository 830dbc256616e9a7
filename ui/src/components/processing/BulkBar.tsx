// Shown while rows are selected: how many, and the bulk changes (assign, status) on them.
import { Button, Flex, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import BulkChangeModal, { type BulkMode } from "./BulkChangeModal";

type Props = {
  ids: string[];
  numberOf: (id: string) => string;
  onClear: () => void;
  onChanged: () => void;
};

// Everyone sees both changes; the core refuses a bulk assign by someone who may not assign.
export default function BulkBar({ ids, numberOf, onClear, onChanged }: Props) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<BulkMode | null>(null);
  if (ids.length === 0) return null;

  function closed(changed: boolean) {
    setMode(null);
    if (changed) onChanged();
  }

  return (
    <Flex gap={8} align="center" data-testid="bulk-bar">
      <Typography.Text strong data-testid="bulk-count">
        {t("bulk.selected", { n: ids.length })}
      </Typography.Text>
      <Button size="small" data-testid="bulk-assign" onClick={() => setMode("assign")}>
        {t("bulk.assign")}
      </Button>
      <Button size="small" data-testid="bulk-act" onClick={() => setMode("act")}>
        {t("bulk.act")}
      </Button>
      <Button size="small" type="link" data-testid="bulk-clear" onClick={onClear}>
        {t("bulk.clear")}
      </Button>
      {mode && <BulkChangeModal mode={mode} ids={ids} numberOf={numberOf} onClose={closed} />}
    </Flex>
  );
}
