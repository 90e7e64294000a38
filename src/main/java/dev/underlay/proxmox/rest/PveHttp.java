package dev.underlay.proxmox.rest;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Encoded;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/api2/json")
public interface PveHttp {

    @GET
    @Path("{path}")
    Response get(@PathParam("path") @Encoded String path);

    @DELETE
    @Path("{path}")
    Response delete(@PathParam("path") @Encoded String path);

    @POST
    @Path("{path}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Response post(@PathParam("path") @Encoded String path, String form);

    @PUT
    @Path("{path}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Response put(@PathParam("path") @Encoded String path, String form);
}
