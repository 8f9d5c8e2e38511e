import type { ResourceValidationArgs, ReportViolation } from "@pulumi/policy";
import { producerShapeFor } from "../platforms";
import type { ProducerConfigPlace, ProducerConfigShape } from "../resources/producer-resources";
import { type Props, isRecord } from "../resources/props";
import { UnknownTracker } from "./unknowns";
import { notApplicable } from "./not-applicable";

/**
 * Runs `check` on every Connect or MirrorMaker 2 config map of a resource and reports what it returns; a value
 * unknown during preview skips only the map that holds it. Not applicable to resources without such maps.
 */
export function checkConfigPlaces(
  args: ResourceValidationArgs,
  reportViolation: ReportViolation,
  applies: { to: (shape: ProducerConfigShape) => boolean; otherwise: string },
  check: (config: Props, place: ProducerConfigPlace) => string[],
): void {
  const shape = producerShapeFor(args.type);
  if (shape === undefined) return notApplicable(args, `${args.type} does not run Kafka Connect`);
  if (!applies.to(shape)) return notApplicable(args, `${args.type} ${applies.otherwise}`);
  const unknowns = new UnknownTracker();
  for (const place of shape.places(args.props, args.name)) {
    // The declared roles decide the coverage table; a place of another role would check what the table omits.
    if (!shape.roles.includes(place.role)) throw new Error(`${shape.label}: a ${place.role} config is not declared`);
    const config = unknowns.attempt(place.config);
    if (!isRecord(config)) continue;
    for (const message of unknowns.attempt(() => check(config, place)) ?? []) reportViolation(message);
  }
  unknowns.finish();
}
