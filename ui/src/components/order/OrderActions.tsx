// What can be done to the order now: assign, take one of the workflow's actions the core offers,
// edit, convert to another template.
import { BranchesOutlined, EditOutlined, SwapOutlined } from "@ant-design/icons";
import { Button, Flex, Select, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type OrderDetail, type WorkOrder } from "../../api";
import { useDirectory } from "../../lib/directory";
import ConvertOrderForm from "../template/ConvertOrderForm";
import HandoverForm from "./HandoverForm";
import OrderEditForm from "./OrderEditForm";
import WorkflowActions from "./WorkflowActions";

type Props = {
  detail: OrderDetail;
  onChanged: (order: WorkOrder, note?: string) => void;
  onFailed: (e: unknown) => void;
};

// The assign select's value for "nobody".
const NOBODY = "";

export default function OrderActions({ detail, onChanged, onFailed }: Props) {
  const { t } = useTranslation();
  const { directory } = useDirectory();
  const [busy, setBusy] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [handingOver, setHandingOver] = useState(false);
  const [converting, setConverting] = useState(false);
  const { order } = detail;
  const note = t("detail.updated", { number: order.number });

  async function run(what: string, action: () => Promise<WorkOrder>) {
    setBusy(what);
    try {
      onChanged(await action(), note);
    } catch (e) {
      onFailed(e);
    } finally {
      setBusy(null);
    }
  }

  const assignees = directory.users.filter((u) => u.active || u.id === order.assignee_id);

  return (
    <Flex vertical gap={12}>
      {detail.can_assign && (
        <Space wrap>
          <Typography.Text strong>{t("detail.assign")}</Typography.Text>
          <Select
            style={{ minWidth: 240 }}
            showSearch
            optionFilterProp="label"
            data-testid="assign-select"
            aria-label={t("detail.assign")}
            placeholder={t("detail.assignTo")}
            loading={busy === "assign"}
            value={order.assignee_id ?? NOBODY}
            onChange={(value: string) =>
              void run("assign", () => api.orderAssign(order.id, value === NOBODY ? null : value, order.version))
            }
            options={[
              { value: NOBODY, label: t("orders.unassigned") },
              ...assignees.map((u) => ({ value: u.id, label: `${u.display_name} (${u.login})` })),
            ]}
          />
          <Button icon={<SwapOutlined />} onClick={() => setHandingOver(true)} data-testid="handover-open">
            {t("handover.open")}
          </Button>
        </Space>
      )}
      <WorkflowActions order={order} onChanged={(changed) => onChanged(changed, note)} onFailed={onFailed} />
      {detail.can_work && (
        <div>
          <Space wrap>
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="order-edit">
              {t("detail.editOrder")}
            </Button>
            <Button icon={<BranchesOutlined />} onClick={() => setConverting(true)} data-testid="order-convert">
              {t("templateForm.convert.open")}
            </Button>
          </Space>
        </div>
      )}
      {handingOver && (
        <HandoverForm
          order={order}
          open={handingOver}
          onClose={() => setHandingOver(false)}
          onSaved={(saved) => {
            setHandingOver(false);
            onChanged(saved, note);
          }}
          onConflict={(e) => {
            setHandingOver(false);
            onFailed(e);
          }}
        />
      )}
      {converting && (
        <ConvertOrderForm
          order={order}
          open={converting}
          onClose={() => setConverting(false)}
          onConverted={(converted) => {
            setConverting(false);
            onChanged(converted, t("templateForm.convert.done", { number: converted.number }));
          }}
          onConflict={(e) => {
            setConverting(false);
            onFailed(e);
          }}
        />
      )}
      <OrderEditForm
        order={order}
        open={editing}
        onCancel={() => setEditing(false)}
        onSaved={(saved) => {
          setEditing(false);
          onChanged(saved, note);
        }}
        onConflict={(e) => {
          setEditing(false);
          onFailed(e);
        }}
      />
    </Flex>
  );
}
