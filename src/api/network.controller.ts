import { Controller, Get, Optional } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { NetworkViewService } from '../app/intent';
import { TwinService } from '../app/twin';

@ApiTags('network')
@Controller('v1')
export class NetworkController {
  // `/health` and `/ready` live in health.controller.ts
  constructor(
    private readonly view: NetworkViewService,
    @Optional() private readonly twin?: TwinService,
  ) {}

  @Get('topology')
  @ApiOperation({
    summary:
      'Nodes and links with per-direction (and per-slice) capacity, reserved and free Mbit/s, and each ' +
      "direction's operational status and measured utilisation from the twin",
  })
  topology() {
    const t = this.view.topology();
    const live = this.twin?.directions();
    if (!live) return t;
    return {
      ...t,
      links: t.links.map((l) => ({
        ...l,
        directions: l.directions.map((d) => {
          const s = live.get(d.arc);
          return {
            ...d,
            status: s?.status ?? 'up',
            utilisation: s?.utilisation ?? null,
            stale: s?.stale ?? true,
          };
        }),
      })),
    };
  }

  @Get('policies')
  @ApiOperation({ summary: 'SR policies of every intent, as planned' })
  policies() {
    return { policies: this.view.policies() };
  }
}
