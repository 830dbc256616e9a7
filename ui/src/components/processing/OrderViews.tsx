// The list's views (all, mine, unassigned, …) as a segmented control; the core applies them.
import { Segmented } from "antd";
import { useTranslation } from "react-i18next";
import { VIEWS, type ViewKey } from "../../lib/processing";

export default function OrderViews({ value, onChange }: { value: ViewKey; onChange: (view: ViewKey) => void }) {
  const { t } = useTranslation();
  return (
    <div data-testid="order-views" data-view={value}>
      <Segmented<ViewKey>
        aria-label={t("orders.viewLabel")}
        value={value}
        onChange={onChange}
        options={VIEWS.map((view) => ({
          value: view,
          label: <span data-testid={`view:${view}`}>{t(`orders.views.${view}`)}</span>,
        }))}
      />
    </div>
  );
}
