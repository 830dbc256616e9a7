// Links between orders: link this one to another by its number with a kind (related, duplicate
// of, parent of, child of), unlink, and open a linked order. The core records both sides.
import { Button, Empty, Flex, Form, Input, List, Select, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type OrderProcessing } from "../../api";
import { clearCoreErrors, placeCoreError } from "../../lib/coreErrors";
import { LINK_KINDS } from "../../lib/processing";
import { StatusTag } from "../order/tags";

type Props = {
  processing: OrderProcessing;
  onChanged: (processing: OrderProcessing) => void;
  onOpenOrder?: (idOrNumber: string) => void;
};

type Values = { other: string; kind: string };

export default function LinksPanel({ processing, onChanged, onOpenOrder }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const kindName = (kind: string) => t(`links.kinds.${kind}`, { defaultValue: kind });

  async function run(change: () => Promise<OrderProcessing>, after?: () => void) {
    setBusy(true);
    setFailure(null);
    clearCoreErrors(form);
    try {
      onChanged(await change());
      after?.();
    } catch (e) {
      // `other` is the number typed, `kind` the kind chosen; anything else shows above the form.
      setFailure(placeCoreError(form, t, e, (field) => (field === "other" || field === "kind" ? field : null)));
    } finally {
      setBusy(false);
    }
  }

  function link(v: Values) {
    void run(
      () => api.orderLink(processing.order_id, v.other.trim(), v.kind),
      () => form.resetFields(),
    );
  }

  return (
    <Flex vertical gap={8} data-testid="links-panel">
      <Typography.Title level={5} style={{ margin: 0 }}>
        {t("links.title")}
      </Typography.Title>
      {processing.links.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("links.empty")} />
      ) : (
        <List
          size="small"
          dataSource={processing.links}
          rowKey="order_id"
          renderItem={(l) => (
            <List.Item
              data-testid="order-link"
              data-number={l.number}
              data-kind={l.kind}
              actions={[
                <Button
                  key="unlink"
                  size="small"
                  type="link"
                  danger
                  disabled={busy}
                  data-testid="link-remove"
                  onClick={() => void run(() => api.orderUnlink(processing.order_id, l.order_id))}
                >
                  {t("links.unlink")}
                </Button>,
              ]}
            >
              <Flex gap={8} align="center" wrap="wrap">
                <Typography.Text type="secondary">{kindName(l.kind)}</Typography.Text>
                <Typography.Link data-testid="order-link-open" onClick={() => onOpenOrder?.(l.order_id)}>
                  {l.number}
                </Typography.Link>
                <Typography.Text ellipsis style={{ maxWidth: 260 }}>
                  {l.title}
                </Typography.Text>
                <StatusTag status={l.status} />
              </Flex>
            </List.Item>
          )}
        />
      )}
      {failure && <Typography.Text type="danger" data-testid="link-error">{failure}</Typography.Text>}
      <Form form={form} layout="inline" initialValues={{ other: "", kind: "related" }} onFinish={link}>
        <Form.Item name="kind">
          <Select
            style={{ width: 150 }}
            aria-label={t("links.kind")}
            data-testid="link-kind"
            options={LINK_KINDS.map((k) => ({ value: k, label: kindName(k) }))}
          />
        </Form.Item>
        <Form.Item name="other" rules={[{ required: true, whitespace: true, message: t("common.required") }]}>
          <Input placeholder={t("links.number")} aria-label={t("links.number")} data-testid="link-number" style={{ width: 180 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="link-add">
          {t("links.add")}
        </Button>
      </Form>
    </Flex>
  );
}
