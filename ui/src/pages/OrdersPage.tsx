// Orders: views, filters and saved filters, the virtual list with keyset paging, row marks and
// bulk changes, the detail drawer and the new-order form.
import { PlusOutlined } from "@ant-design/icons";
import { Alert, App, Button, Flex, Typography } from "antd";
import { useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Actor, OrderFilter, WorkOrder } from "../api";
import NewOrderForm from "../components/order/NewOrderForm";
import OrderDetail from "../components/order/OrderDetail";
import OrderFilters from "../components/order/OrderFilters";
import { NO_FILTERS, type FilterValues } from "../lib/keys";
import OrderTable from "../components/order/OrderTable";
import { messageOf } from "../i18n/errors";
import { useFormat } from "../i18n/format";
import { useDebounced } from "../lib/useDebounced";
import { useElementHeight } from "../lib/useElementHeight";
import { useOrderPages, type OrderQuery } from "../lib/useOrderPages";
import { asView, type ViewKey } from "../lib/processing";
import { useMarks } from "../lib/useMarks";
import BulkBar from "../components/processing/BulkBar";
import OrderViews from "../components/processing/OrderViews";
import SavedFilters from "../components/processing/SavedFilters";

export const SEARCH_DEBOUNCE_MS = 250;
// The table header takes this much of the measured area; the rest scrolls.
const TABLE_HEADER_PX = 40;

type Props = {
  actor: Actor;
  search: string;
  openOrder: string | null;
  onOpenOrder: (idOrNumber: string | null) => void;
  /** Sets the header's search text (a saved filter may carry one). */
  onSearch?: (text: string) => void;
};

/** The list's filter values held in a saved filter. */
function filterValues(f: OrderFilter): FilterValues {
  return {
    status: f.status ?? [],
    priority: f.priority ?? [],
    assignee_id: f.assignee_id ?? null,
    department_id: f.department_id ?? null,
    sort: f.sort ?? NO_FILTERS.sort,
  };
}

export default function OrdersPage({ actor, search, openOrder, onOpenOrder, onSearch }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormat();
  const [filters, setFilters] = useState<FilterValues>(NO_FILTERS);
  const [view, setView] = useState<ViewKey>("all");
  const [checked, setChecked] = useState<{ of: string; ids: string[] }>({ of: "", ids: [] });
  const [creating, setCreating] = useState(false);
  const text = useDebounced(search.trim(), SEARCH_DEBOUNCE_MS);
  const area = useRef<HTMLDivElement>(null);
  const height = useElementHeight(area, 600);

  const query: OrderQuery = useMemo(
    () => ({ ...filters, customer_id: null, template_key: null, text: text === "" ? null : text, view }),
    [filters, text, view],
  );
  const pages = useOrderPages(query);
  const marks = useMarks(pages.listedMarks, (e) => void message.error(messageOf(t, e)));
  // A selection belongs to the list it was made in; another query starts with none.
  const queryKey = JSON.stringify(query);
  const checkedIds = checked.of === queryKey ? checked.ids : [];
  const numberOf = (id: string) => pages.items.find((o) => o.id === id)?.number ?? id;

  function applySaved(f: OrderFilter) {
    setFilters(filterValues(f));
    setView(asView(f.view));
    onSearch?.(f.text ?? "");
  }

  function bulkChanged() {
    setChecked({ of: "", ids: [] });
    pages.reload();
  }

  function created(order: WorkOrder) {
    setCreating(false);
    void message.success(t("newOrder.created", { number: order.number }));
    pages.reload();
    onOpenOrder(order.id);
  }

  return (
    <Flex vertical gap={12} style={{ flex: 1, minHeight: 0 }} data-actor={actor.login}>
      <Flex gap={12} align="center" wrap="wrap">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t("orders.title")}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} data-testid="new-order-button" onClick={() => setCreating(true)}>
          {t("orders.new")}
        </Button>
        <OrderFilters value={filters} onChange={setFilters} />
      </Flex>
      <Flex gap={12} align="center" wrap="wrap">
        <OrderViews value={view} onChange={setView} />
        <SavedFilters current={query} onApply={applySaved} />
        <BulkBar ids={checkedIds} numberOf={numberOf} onClear={() => setChecked({ of: "", ids: [] })} onChanged={bulkChanged} />
      </Flex>
      {pages.error !== null && <Alert type="error" showIcon message={messageOf(t, pages.error)} />}
      <div ref={area} style={{ flex: 1, minHeight: 200, overflow: "hidden" }}>
        <OrderTable
          orders={pages.items}
          loading={pages.loading}
          height={Math.max(120, height - TABLE_HEADER_PX)}
          selectedId={openOrder}
          onOpen={(o) => onOpenOrder(o.id)}
          onNearEnd={pages.loadMore}
          checkedIds={checkedIds}
          onCheck={(ids) => setChecked({ of: queryKey, ids })}
          marks={marks}
          onToggleMark={(id, mark, on) => void marks.toggle(id, mark, on)}
        />
      </div>
      <Flex gap={12} align="center">
        <Typography.Text type="secondary" data-testid="orders-loaded">
          {t("orders.loaded", { n: format.number(pages.items.length) })}
        </Typography.Text>
        {pages.next && (
          <>
            <Typography.Text type="secondary">{t("orders.more")}</Typography.Text>
            <Button size="small" loading={pages.loading} onClick={pages.loadMore} data-testid="orders-load-more">
              {t("orders.loadMore")}
            </Button>
          </>
        )}
      </Flex>
      <OrderDetail
        idOrNumber={openOrder}
        onClose={() => onOpenOrder(null)}
        onChanged={pages.replace}
        onOpenOrder={onOpenOrder}
        onProcessing={marks.learn}
      />
      <NewOrderForm open={creating} onCancel={() => setCreating(false)} onCreated={created} />
    </Flex>
  );
}
