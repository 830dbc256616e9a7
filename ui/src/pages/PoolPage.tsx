// The order pool (抢单) for technicians: pooled orders nearest first, each with a Grab button.
// The core decides who may grab and how many; a refusal (taken meanwhile, daily limit) is shown
// translated and the pool is read again.
import { ReloadOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Empty, Flex, List, Spin, Typography } from "antd";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type PoolItem } from "../api";
import { PriorityTag } from "../components/order/tags";
import { messageOf } from "../i18n/errors";
import { useFormat } from "../i18n/format";

/** Nearest first; orders with no known distance last, oldest in the pool first among equals. */
function nearestFirst(a: PoolItem, b: PoolItem): number {
  const ka = a.km ?? Number.POSITIVE_INFINITY;
  const kb = b.km ?? Number.POSITIVE_INFINITY;
  return ka === kb ? a.pooled_at - b.pooled_at : ka - kb;
}

export default function PoolPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormat();
  const [items, setItems] = useState<PoolItem[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [grabbing, setGrabbing] = useState<string | null>(null);
  const asked = useRef(0);

  const load = useCallback(() => {
    const ask = ++asked.current;
    return api.poolList().then(
      (answer) => {
        if (ask !== asked.current) return;
        setItems([...answer].sort(nearestFirst));
        setError(null);
      },
      (e: unknown) => {
        if (ask === asked.current) setError(e);
      },
    );
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  async function grab(item: PoolItem) {
    setGrabbing(item.order.id);
    try {
      const order = await api.poolGrab(item.order.id);
      setRefusal(null);
      void message.success(t("pool.grabbed", { number: order.number }));
    } catch (e) {
      setRefusal(messageOf(t, e));
    } finally {
      setGrabbing(null);
      void load();
    }
  }

  const km = (value: number) =>
    new Intl.NumberFormat(format.lng, { style: "unit", unit: "kilometer", maximumFractionDigits: 1 }).format(value);

  return (
    <Flex vertical gap={12} style={{ flex: 1, minHeight: 0 }} data-testid="pool-page">
      <Flex gap={12} align="center">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t("pool.title")}
        </Typography.Title>
        <Button icon={<ReloadOutlined />} onClick={() => void load()}>
          {t("common.reload")}
        </Button>
      </Flex>
      <Typography.Text type="secondary">{t("pool.hint")}</Typography.Text>
      {error !== null && <Alert type="error" showIcon message={messageOf(t, error)} />}
      {refusal !== null && (
        <Alert type="warning" showIcon closable onClose={() => setRefusal(null)} message={refusal} data-testid="pool-refusal" />
      )}
      <div style={{ flex: 1, minHeight: 0, overflow: "auto" }}>
        {items === null ? (
          error === null && <Spin />
        ) : items.length === 0 ? (
          <Empty description={t("pool.empty")} />
        ) : (
          <List
            dataSource={items}
            rowKey={(item) => item.order.id}
            renderItem={(item) => (
              <Card size="small" style={{ marginBottom: 8 }} data-testid="pool-item" data-order-number={item.order.number}>
                <Flex gap={12} align="center" justify="space-between" wrap="wrap">
                  <Flex vertical gap={2} style={{ minWidth: 0 }}>
                    <Flex gap={8} align="center">
                      <Typography.Text strong>{item.order.number}</Typography.Text>
                      <PriorityTag priority={item.order.priority} />
                      <Typography.Text data-testid="pool-distance">
                        {item.km === null ? t("pool.distanceUnknown") : t("pool.distance", { km: km(item.km) })}
                      </Typography.Text>
                    </Flex>
                    <Typography.Text>{item.order.title}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {item.order.location.address ? `${item.order.location.address} · ` : ""}
                      {t("pool.since", { at: format.dateTime(item.pooled_at) })}
                      {item.order.resolution_due_at !== null &&
                        ` · ${t("pool.due", { at: format.dateTime(item.order.resolution_due_at) })}`}
                    </Typography.Text>
                  </Flex>
                  <Button
                    type="primary"
                    loading={grabbing === item.order.id}
                    disabled={grabbing !== null && grabbing !== item.order.id}
                    onClick={() => void grab(item)}
                    data-testid="pool-grab"
                  >
                    {t("pool.grab")}
                  </Button>
                </Flex>
              </Card>
            )}
          />
        )}
      </div>
    </Flex>
  );
}
