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
import org.jboss.resteasy.reactive.client.api.ClientMultipartForm;

/**
 * Generic JAX-RS view of {@code /api2/json} for {@code QuarkusRestClientBuilder}. {@code target} is the path plus
 * query string already encoded by {@link PveWire} ({@code @Encoded} keeps the client from encoding it again);
 * form bodies are pre-encoded strings, so all PVE encoding rules stay in {@link PveWire}. Every method returns the
 * raw {@link Response}: statuses are classified by {@link PveErrorMapper}, not by JAX-RS exceptions.
 */
@Path("/api2/json")
public interface PveHttp {

    @GET
    @Path("{target}")
    Response get(@PathParam("target") @Encoded String target);

    @DELETE
    @Path("{target}")
    Response delete(@PathParam("target") @Encoded String target);

    @POST
    @Path("{target}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Response post(@PathParam("target") @Encoded String target, String form);

    @PUT
    @Path("{target}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    Response put(@PathParam("target") @Encoded String target, String form);

    @POST
    @Path("{target}")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    Response upload(@PathParam("target") @Encoded String target, ClientMultipartForm form);
}
