/**
 * Valence's register body names classic Ironic drivers, which Ironic removed in Rocky (11.1) in favour
 * of hardware types. The IPMI ones map to `ipmi`; Ironic then picks the deploy interface (direct) itself.
 */
export const CLASSIC_DRIVER_HARDWARE_TYPES: ReadonlyMap<string, string> = new Map([
  ['pxe_ipmitool', 'ipmi'],
  ['agent_ipmitool', 'ipmi'],
  ['pxe_ipmitool_socat', 'ipmi'],
  ['agent_ipmitool_socat', 'ipmi'],
]);

/** The hardware type to create an Ironic node with: the one asked for, translated, or the default. */
export function hardwareType(requested: string | undefined, defaultType: string): string {
  const name = requested ?? defaultType;
  return CLASSIC_DRIVER_HARDWARE_TYPES.get(name) ?? name;
}
