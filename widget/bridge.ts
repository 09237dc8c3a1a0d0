/**
 * What the loader hands the panel when it loads, and what the panel gives back. The loader stays
 * tiny by knowing nothing of views: it forwards every command it does not handle itself.
 */

/** Host-visible events: `Porthole('on', name, handler)`. */
export type WidgetEvent = 'ready' | 'open' | 'close' | 'request:created' | 'request:updated';

export interface LauncherSettings {
  color?: string;
  position: 'left' | 'right';
  hideLauncher: boolean;
  /** A BCP 47 tag from the host (`Porthole('config', { locale })`); the first choice, before the browser's languages. */
  locale?: string;
  theme?: 'light' | 'dark' | 'auto';
}

export interface LoaderBridge {
  /** The widget's open shadow root; the panel renders inside it. */
  root: ShadowRoot;
  launcher: HTMLButtonElement;
  site: string;
  /** Absolute URL of widget.js: the API and chunks are found relative to it. */
  scriptUrl: string;
  settings: LauncherSettings;
  emit(event: WidgetEvent, detail?: unknown): void;
}

/** A `Porthole(...)` call: command name, then its arguments. */
export type Command = [name: string, ...args: unknown[]];

export interface PanelControl {
  run(command: Command): void;
}

export type MountPanel = (bridge: LoaderBridge, pending: Command[]) => PanelControl;
