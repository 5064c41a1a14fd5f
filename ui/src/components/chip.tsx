import type { DeviceBrief, DeviceDetail } from '../wire';
import { deviceLabel, typeKey } from '../pool-model';

interface ChipProps {
  device: DeviceBrief;
  detail?: DeviceDetail;
  selected?: boolean;
  /** Part of a compose plan being shown. */
  planned?: boolean;
  /** Moved since the picture was last read. */
  changed?: boolean;
  onPick?: (d: DeviceBrief) => void;
}

/** A device drawn as a chip: its hue is its type, its fill its state. Draggable onto a node's server. */
export function Chip({ device, detail, selected, planned, changed, onPick }: ChipProps) {
  const name = detail?.extra.device_name ?? detail?.extra.vendor_name ?? null;
  const classes = ['chip', `t-${typeKey(device)}`, `s-${device.state}`, device.maintenance && 'maintenance', selected && 'selected', planned && 'planned', changed && 'changed'];
  return (
    <button
      type="button"
      class={classes.filter(Boolean).join(' ')}
      data-device={device.uuid}
      data-eem-id={deviceLabel(device)}
      title={`${device.type ?? 'untyped'} ${deviceLabel(device)} — ${device.state}${device.maintenance ? ', in maintenance' : ''}${name ? `\n${name}` : ''}${detail ? `\n${detail.properties.mac_address}` : ''}`}
      draggable={device.state === 'free'}
      onDragStart={(e) => e.dataTransfer?.setData('application/x-covalence-device', device.uuid)}
      onClick={() => onPick?.(device)}
    >
      <span class="chip-type">{device.type ?? '?'}</span>
      <span class="chip-name">{name ? shortName(name) : deviceLabel(device)}</span>
      {device.state !== 'free' && device.state !== 'allocated' ? <span class="chip-state">{device.state}</span>
        : device.maintenance && <span class="chip-state maint">maint.</span>}
    </button>
  );
}

/**
 * The model, not the maker: pci.ids names put the product in brackets ("GV100GL [Tesla V100 PCIe
 * 16GB]" → "Tesla V100 PCIe 16GB"); otherwise the words from the first one with a digit
 * ("Ethernet Controller X710 for 10GbE SFP+" → "X710 for 10GbE SFP+").
 */
function shortName(name: string): string {
  const product = /\[([^\],]+)\]/.exec(name)?.[1];
  if (product) return product;
  const words = name.replace(/\[.*?\]|\(.*?\)/g, '').trim().split(/\s+/);
  const model = words.findIndex((w) => /\d/.test(w));
  return (model > 0 ? words.slice(model) : words).join(' ');
}
