import type { YamlCheck, YamlIssue, YamlValidate } from './diagnostics';

export interface YamlEditorProps {
  value: string;
  onChange?: (text: string) => void;
  readOnly?: boolean;
  /** Checks the parsed documents; its issues show at the lines of the fields they name. */
  validate?: YamlValidate;
  /** Issues found elsewhere (e.g. the server's answer), shown like the validator's. */
  issues?: readonly YamlIssue[];
  /** Told the outcome of every check (parsed documents and diagnostics), e.g. to disable a Save button. */
  onCheck?: (result: YamlCheck) => void;
  /** CSS height of the editor; it scrolls inside. */
  height?: string;
  ariaLabel?: string;
  /** id of the editable area, for a <label htmlFor>. */
  id?: string;
}
