// A key (of a field, a section, a template) applied when the admin leaves the input, so a
// half-typed key renames nothing and rules or fields that refer to it follow in one step.
import { Form, Input } from "antd";
import { useState } from "react";

type Props = { label: string; value: string; onCommit: (key: string) => void; error?: string; testId: string; disabled?: boolean };

function KeyField({ label, value, onCommit, error, testId, disabled }: Props) {
  const [text, setText] = useState(value);
  const commit = () => {
    if (text.trim() !== value) onCommit(text.trim());
  };
  return (
    <Form.Item label={label} validateStatus={error ? "error" : undefined} help={error} style={{ marginBottom: 8 }}>
      <Input value={text} disabled={disabled} data-testid={testId} onChange={(e) => setText(e.target.value)} onBlur={commit} onPressEnter={commit} />
    </Form.Item>
  );
}

/** A new key from outside (another field selected, a rename elsewhere) starts the input afresh. */
export default function KeyInput(props: Props) {
  return <KeyField key={props.value} {...props} />;
}
