import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthService } from '../app/auth';
import { InvalidQueryError } from '../core/errors';
import type { AuthedRequest } from './security.middleware';

/** API tokens (admin only): create (the secret is returned once), list, revoke. */
@ApiTags('auth')
@Controller('v1/auth/tokens')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Get()
  @ApiOperation({ summary: 'Token names, roles and creators (never the tokens)' })
  list() {
    return { tokens: this.auth.list() };
  }

  @Post()
  @ApiOperation({ summary: 'Create a token; its secret is in the response, once' })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['name', 'role'],
      properties: {
        name: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$' },
        role: { type: 'string', enum: ['viewer', 'operator', 'engineer', 'admin'] },
      },
    },
  })
  create(@Body() body: unknown, @Req() req: AuthedRequest) {
    const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const name = b['name'];
    const role = b['role'];
    if (typeof name !== 'string')
      throw new InvalidQueryError('auth: name must be a string', { path: 'name' });
    if (typeof role !== 'string')
      throw new InvalidQueryError('auth: role must be a string', { path: 'role' });
    const { token, info } = this.auth.create(name, role, req.principal?.name ?? 'anonymous');
    return { ...info, token };
  }

  @Delete(':name')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a token' })
  revoke(@Param('name') name: string): void {
    this.auth.revoke(name);
  }
}
