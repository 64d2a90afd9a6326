import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { sliceSpecToBody } from '../adapters/yang';
import { SliceService } from '../app/intent';
import { SLICE_BODY_SCHEMA } from './openapi.schemas';
import { RequestValidation } from './request-validation';

@ApiTags('slices')
@Controller('v1/slices')
export class SlicesController {
  constructor(
    private readonly slices: SliceService,
    private readonly validation: RequestValidation,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create a slice (a share of every arc, soft or hard isolated)' })
  @ApiBody({ schema: SLICE_BODY_SCHEMA })
  async create(@Body() body: unknown) {
    return sliceSpecToBody(this.slices.create(await this.validation.slice(body)));
  }

  @Get()
  list() {
    return { slices: this.slices.list().map(sliceSpecToBody) };
  }

  @Get(':name')
  get(@Param('name') name: string) {
    return sliceSpecToBody(this.slices.get(name));
  }

  @Delete(':name')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an unused slice' })
  delete(@Param('name') name: string): void {
    this.slices.delete(name);
  }
}
